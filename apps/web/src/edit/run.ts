// Sending an edit: one mutation, its failure in words (a CONFLICT says the entity changed
// since the form was opened; a bad value is shown next to its field, named by the API's
// `extensions.argument`), and the reads an undo needs.
import type { DocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import type { DeleteEntityPreviewQuery, EntityForEditQuery } from '../generated/graphql';
import { DELETE_PREVIEW, ENTITY_FOR_EDIT } from './queries';

export interface EditFailure {
  message: string;
  conflict: boolean;
  field: string | null;
}

interface GqlError {
  message: string;
  extensions?: { code?: unknown; argument?: unknown };
}

/** A failed mutation in words; `field` is the input field it names, if any. */
export function failureOf(err: unknown): EditFailure {
  const errors = (err as { errors?: readonly GqlError[] }).errors;
  const first = errors?.[0];
  if (!first) return { message: (err as Error).message ?? String(err), conflict: false, field: null };
  const argument = typeof first.extensions?.argument === 'string' ? first.extensions.argument : null;
  const field = argument ? (argument.split('.').pop() ?? null) : null;
  const conflict = first.extensions?.code === 'CONFLICT';
  // The API prefixes the message with the argument ("input.toleranceHours: …").
  const message =
    argument && first.message.startsWith(`${argument}: `)
      ? first.message.slice(argument.length + 2)
      : first.message;
  return { message: conflict ? message : field ? `${field}: ${message}` : message, conflict, field };
}

export function useRunEdit() {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<EditFailure | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const mutateOrThrow = async <T = unknown>(
    mutation: DocumentNode,
    variables: Record<string, unknown>,
  ): Promise<T> => {
    try {
      const res = await client.mutate<T>({ mutation, variables });
      return res.data as T;
    } catch (err) {
      throw new Error(failureOf(err).message);
    }
  };

  return {
    busy,
    failure,
    fieldErrors,
    clear(field: string) {
      setFieldErrors((old) => {
        if (!(field in old)) return old;
        const { [field]: _, ...rest } = old;
        return rest;
      });
    },
    /** Runs the mutation; null (and the failure shown) when it was refused. */
    async mutate<T = unknown>(mutation: DocumentNode, variables: Record<string, unknown>): Promise<T | null> {
      setBusy(true);
      setFailure(null);
      try {
        const res = await client.mutate<T>({ mutation, variables });
        setFieldErrors({});
        return res.data as T;
      } catch (err) {
        const f = failureOf(err);
        setFailure(f);
        if (f.field && !f.conflict) setFieldErrors({ [f.field]: f.message.replace(`${f.field}: `, '') });
        return null;
      } finally {
        setBusy(false);
      }
    },
    mutateOrThrow,
    async preview(id: string): Promise<DeleteEntityPreviewQuery['deleteEntityPreview']> {
      const res = await client.query<DeleteEntityPreviewQuery>({
        query: DELETE_PREVIEW,
        variables: { id },
        fetchPolicy: 'network-only',
      });
      if (!res.data) throw new Error(`${id} is gone already`);
      return res.data.deleteEntityPreview;
    },
    /** The current version of the dependency from → to. */
    async edgeVersion(from: string, to: string): Promise<string> {
      const res = await client.query<EntityForEditQuery>({
        query: ENTITY_FOR_EDIT,
        variables: { id: from },
        fetchPolicy: 'network-only',
      });
      const edge = res.data?.dependencies.flatMap((g) => g.alternatives).find((d) => d.to.id === to);
      if (!edge) throw new Error(`the dependency on ${to} is gone`);
      return edge.version;
    },
  };
}
