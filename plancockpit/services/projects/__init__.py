"""Major projects (重大项目): from documents and ledgers to tracked items."""
