// The schema is the SDL files in ./schema; graphql-codegen generates the resolver
// types from the same files (see codegen.ts at the root).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConstDirectiveNode, Kind, type StringValueNode, parse, print, visit } from 'graphql';

const SCHEMA_DIR = fileURLToPath(new URL('./schema', import.meta.url));

function roleOf(directives: readonly ConstDirectiveNode[] | undefined): string | null {
  const requires = directives?.find((d) => d.name.value === 'requires');
  const role = requires?.arguments?.find((a) => a.name.value === 'role')?.value;
  return role?.kind === Kind.ENUM ? role.value : null;
}

function noted(description: StringValueNode | undefined, note: string): StringValueNode {
  const text = description?.value.trim();
  return { kind: Kind.STRING, value: text ? `${text}\n\n${note}` : note, block: true };
}

/**
 * The SDL with each field's and argument's role written into its description, so
 * introspection (which does not show directives) tells a client what a field needs.
 * The @requires directive stays the one source; no description states a role itself.
 */
export function withRoleNotes(sdl: string): string {
  const doc = visit(parse(sdl), {
    FieldDefinition(node) {
      if (node.directives?.some((d) => d.name.value === 'public'))
        return { ...node, description: noted(node.description, 'Open to anyone, with or without a token.') };
      const role = roleOf(node.directives);
      return role ? { ...node, description: noted(node.description, `Needs the ${role} role.`) } : undefined;
    },
    InputValueDefinition(node) {
      const role = roleOf(node.directives);
      return role
        ? { ...node, description: noted(node.description, `Giving it needs the ${role} role.`) }
        : undefined;
    },
  });
  return print(doc);
}

export const typeDefs: string[] = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => withRoleNotes(readFileSync(join(SCHEMA_DIR, f), 'utf8')));
