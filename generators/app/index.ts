// The Yeoman generator: asks the interactive questions (Yeoman's prompts), then writes and
// installs through the CLI's own pipeline (src/cli/scaffold.ts: the core's planner, the one
// all-or-nothing writer, the one install step), not through Yeoman's in-memory file system and
// conflicter. The CLI (src/cli) runs it.
import Generator, { type BaseOptions } from 'yeoman-generator';
import { ANSWER, toInquirerQuestion } from '../../src/cli/inquirer-question.js';
import { nextSteps } from '../../src/cli/next-steps.js';
import { askOptions, type Question } from '../../src/cli/prompts.js';
import { installDependencies, writeFreshProject } from '../../src/cli/scaffold.js';
import { SESSION_OPTION, type Session } from '../../src/cli/session.js';

export default class AppGenerator extends Generator {
  private readonly session: Session;
  private installed = false;

  constructor(args: string[], options: BaseOptions) {
    // customInstallTask: the install below replaces the environment's own package.json watcher.
    // tasksMatchingPriority: only the priority methods (prompting, writing, ...) are Yeoman tasks.
    super(args, options, { customInstallTask: true, skipParseOptions: true, tasksMatchingPriority: true });
    const session = (options as Record<string, unknown>)[SESSION_OPTION] as Session | undefined;
    if (!session) throw new Error(`${this.constructor.name} runs from the create-amplify-token-app CLI only.`);
    this.session = session;
  }

  // Each task records its error for the CLI instead of throwing it: a throwing task makes Yeoman
  // log an extra "An error occured while running ..." line, and the CLI shows one line per error.
  async prompting(): Promise<void> {
    await this.step(() => this.ask());
  }

  async writing(): Promise<void> {
    await this.step(() => writeFreshProject(this.session, (text) => this.log(text.replace(/\n$/, ''))));
  }

  async install(): Promise<void> {
    await this.step(async () => {
      this.installed = await installDependencies(this.session, (text) => this.log(text.replace(/\n$/, '')));
    });
  }

  async end(): Promise<void> {
    await this.step(() => {
      const target = this.session.written;
      if (!target) throw new Error('The generator ran its tasks out of order.');
      this.log(`\n${nextSteps(target, this.session.packageManager, this.installed)}`);
    });
  }

  private async step(task: () => unknown): Promise<void> {
    if (this.session.failure !== undefined) return;
    try {
      await task();
    } catch (error) {
      this.session.failure = error;
    }
  }

  private async ask(): Promise<void> {
    const { session } = this;
    if (!session.interactive) return;
    const ask = async (question: Question) => (await this.prompt([toInquirerQuestion(question)] as never))[ANSWER] as unknown;
    const result = await askOptions(ask, session.given, {
      cwd: session.cwd,
      force: session.force,
      ...(session.target ? { target: session.target } : {}),
      info: (message) => this.log(message),
    });
    session.target = result.target;
    session.answers = result.options;
  }
}
