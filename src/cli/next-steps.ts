import { shellWord } from '../core/escape.js';
import type { PackageManager } from './package-manager.js';
import { runScript } from './package-manager.js';
import type { Target } from './target.js';

export function nextSteps(target: Target, pm: PackageManager, installed: boolean): string {
  const steps = [
    ...(target.display === '.' ? [] : [`cd ${shellWord(target.display)}`]),
    ...(installed ? [] : [`${pm} install`]),
    runScript(pm, 'test'),
    'npx ampx sandbox',
  ];
  return [`Created ${target.projectName} in ${target.path}.`, '', 'Next steps:', ...steps.map((step) => `  ${step}`), ''].join('\n');
}
