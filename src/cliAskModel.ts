/**
 * `mmm ask --model model.json "<question>" [--notebook FILE] [--json]`: the door only — reads
 * the files, asks src/services/askModelFile.ts, prints what `mmm ask` prints. Loaded by the
 * `ask` command on demand, so other commands never load it.
 */
import { modelFileContext, readModelFile } from './cliEngine';
import { renderAnswerText } from './services/answerText';
import { askModelFile, readNotebookFile, writeNotebookFile } from './services/askModelFile';
import type { AskAnswer } from './services/modelAnswers';
import { print } from './cliOutput';

export function askFromModelFile(modelPath: string, question: string, notebookPath: string | undefined): { answer: AskAnswer; text: string } {
  const model = readModelFile(modelPath);
  const before = notebookPath ? readNotebookFile(notebookPath) : { scenarios: [] };
  const { answer, notebook } = askModelFile(model, question, before, { notebookId: notebookPath ?? 'none', modelVersionId: `file:${modelPath}` });
  if (notebookPath && notebook !== before) writeNotebookFile(notebookPath, notebook);
  return { answer, text: renderAnswerText(answer, modelFileContext(model)) };
}

/** The command: prints the answer as `mmm ask` does (one JSON document with --json). */
export function askModelFileCommand(modelPath: string, question: string, notebookPath: string | undefined): void {
  const { answer, text } = askFromModelFile(modelPath, question, notebookPath);
  print({ ...answer, text }, text);
}
