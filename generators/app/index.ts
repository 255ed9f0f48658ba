// The Yeoman generator: a thin adapter between Yeoman (prompts, in-memory file system, commit,
// install) and the core (options → model → files). The CLI (src/cli) runs it.
import { execa } from 'execa';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { buildModel, type FileMap, type ProjectModel, type RawOptions, renderProject } from '../../src/core/index.js';
import { linkCheckout } from '../../src/cli/checkout-link.js';
import { givenAnswers } from '../../src/cli/given-answers.js';
import { CliError } from '../../src/cli/errors.js';
import { ANSWER, toInquirerQuestion } from '../../src/cli/inquirer-question.js';
import { nextSteps } from '../../src/cli/next-steps.js';
import { projectRecord } from '../../src/cli/project-record.js';
import { installCommand } from '../../src/cli/package-manager.js';
import { askOptions, type Question } from '../../src/cli/prompts.js';
import { SESSION_OPTION, type Session } from '../../src/cli/session.js';
import { snapshotTarget, type Target } from '../../src/cli/target.js';

export default class AppGenerator extends Generator {
  private readonly session: Session;
  private model?: ProjectModel;
  private target?: Target;
  private files?: FileMap;
  private given: RawOptions = {};
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
    await this.step(() => this.write());
  }

  async install(): Promise<void> {
    await this.step(() => this.runInstall());
  }

  async end(): Promise<void> {
    await this.step(() => {
      const { target } = this.ready();
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
    let target = session.target;
    let options = session.given;
    if (session.interactive) {
      const ask = async (question: Question) => (await this.prompt([toInquirerQuestion(question)] as never))[ANSWER] as unknown;
      const result = await askOptions(ask, session.given, {
        cwd: session.cwd,
        force: session.force,
        ...(target ? { target } : {}),
        info: (message) => this.log(message),
      });
      target = result.target;
      options = result.options;
    }
    if (!target) throw new Error('No project directory chosen.');
    this.target = target;
    this.given = session.interactive ? givenAnswers(session.given, { ...options, projectName: target.projectName }) : options;
    this.model = buildModel({ ...options, projectName: target.projectName });
    // Rendered before anything touches the disk: a failure here leaves nothing behind.
    this.files = linkCheckout(renderProject(this.model), target.path);
    for (const notice of this.model.notices) this.log(notice);
  }

  private write(): void {
    const { model, target } = this.ready();
    if (!this.files) throw new Error('The generator ran its tasks out of order.');
    // The CLI removes what this run adds if it is interrupted from here on.
    this.session.snapshot = snapshotTarget(target.path);
    this.destinationRoot(target.path);
    for (const [path, content] of this.files) this.fs.write(this.destinationPath(path), content);
    // What --regenerate needs later: the options as given and each file's hash.
    this.config.set(projectRecord(this.given, model, this.files));
  }

  private async runInstall(): Promise<void> {
    const { target } = this.ready();
    this.session.written = target;
    if (this.session.skipInstall) return;
    const [command, args] = installCommand(this.session.packageManager);
    this.log(`\nInstalling dependencies: ${command} ${args.join(' ')}`);
    const child = execa(command, args, { cwd: target.path, stdio: 'inherit', reject: false });
    this.session.install = child;
    const result = await child;
    this.session.install = undefined;
    if (result.exitCode !== 0 || result.failed) {
      const why = result.exitCode !== undefined ? `exit code ${result.exitCode}` : result.shortMessage;
      throw new CliError(
        `${command} ${args.join(' ')} failed (${why}). The project is written in ${target.path}; run ${command} ${args.join(' ')} there once the problem is fixed.`,
      );
    }
    this.installed = true;
  }

  private ready(): { model: ProjectModel; target: Target } {
    if (!this.model || !this.target) throw new Error('The generator ran its tasks out of order.');
    return { model: this.model, target: this.target };
  }
}
