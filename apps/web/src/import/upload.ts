// Sending a template to `importTemplate`: the file travels base64-encoded inside the
// GraphQL request, sent with XMLHttpRequest because fetch cannot report upload progress.
import type { DocumentNode } from 'graphql';
import { print } from 'graphql';

export type Phase = 'reading' | 'uploading' | 'processing';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The payload of a data: URL (what FileReader.readAsDataURL gives). */
export function dataUrlPayload(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl;
}

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(dataUrlPayload(String(reader.result)));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

export const ACCEPTED = ['.xlsx', '.zip', '.csv'];

export function acceptedFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED.some((ext) => lower.endsWith(ext));
}

export function postGraphQL<T>(
  document: DocumentNode,
  variables: Record<string, unknown>,
  onProgress: (phase: Phase, fraction: number | null) => void,
): Promise<GraphQLResponse<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/graphql');
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress('uploading', e.lengthComputable ? e.loaded / e.total : null);
    xhr.upload.onload = () => onProgress('processing', null);
    xhr.onerror = () => reject(new Error('The server could not be reached.'));
    xhr.onload = () => {
      if (xhr.status === 413) {
        reject(new Error('The file is larger than the server accepts in one request.'));
        return;
      }
      try {
        resolve(JSON.parse(xhr.responseText) as GraphQLResponse<T>);
      } catch {
        reject(new Error(`The server answered HTTP ${xhr.status} without a GraphQL response.`));
      }
    };
    xhr.send(JSON.stringify({ query: print(document), variables }));
  });
}

export interface Problem {
  file: string;
  line: number;
  column: string;
  message: string;
  severity: string;
}

/** Problems in reading order: by file, then line, then column; errors before warnings. */
export function sortProblems<P extends Problem>(problems: readonly P[]): P[] {
  const sev = (s: string) => (s.toLowerCase() === 'error' ? 0 : 1);
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column.localeCompare(b.column) ||
      sev(a.severity) - sev(b.severity) ||
      a.message.localeCompare(b.message),
  );
}
