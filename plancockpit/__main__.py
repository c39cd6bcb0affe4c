from plancockpit.cli import main

main()
