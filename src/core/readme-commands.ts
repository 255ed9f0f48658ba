// The shell commands the generated README shows, derived from the project's own options so that
// each one works as written in that project: preview with one of its own claim attributes, a
// regenerate example that keeps its triggers, this package's pinned local bin, and every value
// that came from the options written as one shell word (escape.ts).
import { Escaped, shellWord } from './escape.js';
import type { ProjectModel } from './model.js';
import { sampleAttributeValue } from './samples.js';
import type { TriggerName } from './triggers.js';
import { SCAFFOLDER_PACKAGE } from './versions.js';

/** The bin the project pins as a devDependency: npx runs that copy, the version that generated it. */
const LOCAL_BIN = `npx ${SCAFFOLDER_PACKAGE}`;

/**
 * Triggers a regenerate example may add, most useful first. preTokenGeneration is not one (adding
 * it brings a version and plan rule), nor the custom-auth triggers (they only work together).
 */
const EXAMPLE_TRIGGERS: TriggerName[] = ['postConfirmation', 'preSignUp', 'customMessage', 'postAuthentication', 'preAuthentication'];

export interface ReadmeCommands {
  /** `npm run preview`, with `--user` for the first claim attribute when there is one. */
  preview: Escaped;
  /** Adds one trigger to the project's list, with --dry-run; absent when every example trigger is chosen. */
  regenerate?: { trigger: TriggerName; command: Escaped };
  /** `--user-attributes` of admin-update-user-attributes, for the first mutable claim attribute. */
  adminUpdateAttributes?: Escaped;
  /** `--user-attributes` of admin-create-user, for the first immutable claim attribute (only AdminCreateUser can set it). */
  adminCreateAttributes?: Escaped;
}

export function readmeCommands(model: ProjectModel): ReadmeCommands {
  const [previewed] = model.claimAttributes;
  const added = EXAMPLE_TRIGGERS.find((name) => !model.triggers.some((trigger) => trigger.name === name));
  const updatable = model.claimAttributes.find((attribute) => attribute.mutable);
  const createOnly = model.claimAttributes.find((attribute) => !attribute.mutable);
  return {
    preview: command('npm run preview', ...(previewed ? ['--', '--user', shellWord(`custom:${previewed.name}=${sampleAttributeValue(previewed)}`)] : [])),
    ...(added
      ? {
          regenerate: {
            trigger: added,
            command: command(
              LOCAL_BIN,
              '--regenerate',
              '--triggers',
              shellWord([...model.triggers.map((trigger) => trigger.name), added].join(',')),
              '--dry-run',
            ),
          },
        }
      : {}),
    ...(updatable ? { adminUpdateAttributes: userAttributes([[`custom:${updatable.name}`, '<value>']]) } : {}),
    ...(createOnly
      ? {
          adminCreateAttributes: userAttributes([
            ['email', '<email>'],
            [`custom:${createOnly.name}`, '<value>'],
          ]),
        }
      : {}),
  };
}

/** Words already written for the shell (constant text or shellWord output), joined by spaces. */
function command(...words: string[]): Escaped {
  return new Escaped(words.join(' '));
}

/**
 * The AWS CLI's `--user-attributes` value, `<value>`-style placeholders left for the reader to
 * replace. Its shorthand (`Name=custom:tenant_id,Value=<value>`) gives `,`, `=`, brackets,
 * braces and quotes a meaning of their own, so a name with any character beyond the plain ones
 * is written in the CLI's JSON form instead, which holds any name.
 */
function userAttributes(pairs: [name: string, placeholder: string][]): Escaped {
  if (pairs.every(([name]) => SHORTHAND_NAME.test(name))) {
    return command(...pairs.map(([name, placeholder]) => `${shellWord(`Name=${name},Value=`)}${placeholder}`));
  }
  return command(shellWord(JSON.stringify(pairs.map(([Name, Value]) => ({ Name, Value })))));
}

const SHORTHAND_NAME = /^[\p{L}\p{N}_.:@%+#/-]+$/u;
