"""Questions with cited answers (政务智能体, no language model): `parse` reads a question into an
intent from the project's lexicons and `intents.yaml`; `answer` answers it from the stored
targets, observations and assessments, citing the sentences or file rows behind every figure."""
