import { describe, expect, it } from 'vitest';
import { roleProblem } from '../../src/progress/stage-roles.js';

const bot = { canManageRoles: true, highestRole: { name: 'Cohort', position: 10 } };
const role = { id: '2', name: 'Stage 1', position: 3, managed: false, isEveryone: false };

describe('checking a stage role before saving it', () => {
  it('accepts an ordinary role below the bot\'s highest role', () => {
    expect(roleProblem(role, bot)).toBeNull();
  });

  it('refuses @everyone, a managed role, a missing Manage Roles, and a role at or above the bot, each with the fix', () => {
    expect(roleProblem({ ...role, isEveryone: true }, bot)).toMatch(/Create a role for the stage/);
    expect(roleProblem({ ...role, managed: true }, bot)).toMatch(/managed by an integration/);
    expect(roleProblem(role, { ...bot, canManageRoles: false })).toMatch(/Manage Roles.*Server Settings > Roles/);
    expect(roleProblem({ ...role, position: 10 }, bot)).toMatch(/drag @Cohort above @Stage 1/);
    expect(roleProblem({ ...role, position: 12 }, bot)).toMatch(/not below my highest role/);
  });
});
