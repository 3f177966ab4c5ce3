import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dbOption, resolveDbPath, UsageError, type Command } from '../command.ts';
import { usersPathFor, UserStore } from '../../warehouse/users.ts';
import { ROLES, type Role } from '../../contract/api.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { subjectOrg } from '../../warehouse/queries/subjects.ts';
import { currentResults } from '../../warehouse/results.ts';

const user: Command = {
  name: 'user',
  summary: 'Manage API users: add, list, disable, enable',
  usage: 'add <username> --role ROLE [--org ID] [--manager ID] [--password-stdin] | list | disable <username> | enable <username>',
  description: `Users live in a file beside the warehouse (<db>.users.json), so this works while
\`jixiao serve\` runs (a running server picks changes up at the next request). Roles:
  head_office       the whole bank (--org optional: a head office user limited to a subtree)
  branch_president  their subtree (--org required)
  risk_officer      risk views and the loans and clients behind them, in their subtree (--org)
  supervisor        主管: the scorecards of their subtree, entering what is judged on them (--org)
  manager           their own figures and clients (--manager required; the org is looked up)
  admin             loads and rejects only
The password is read from stdin with --password-stdin (first line), else generated and printed.`,
  positionals: true,
  options: {
    db: dbOption,
    role: { type: 'string', help: 'ROLE  head_office | branch_president | risk_officer | supervisor | manager | admin' },
    org: { type: 'string', help: 'ID    org node of the user’s subtree' },
    manager: { type: 'string', help: 'ID    manager id (role manager)' },
    name: { type: 'string', help: 'TEXT  display name (default: the manager’s or org’s name)' },
    'password-stdin': { type: 'boolean', help: '      read the password from the first line of stdin' },
  },
  async run({ values, positionals, out }) {
    const db = resolveDbPath(values.db);
    const store = new UserStore(usersPathFor(db));
    const [action, username, ...extra] = positionals;
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    switch (action) {
      case 'list': {
        const users = store.list();
        if (users.length === 0) out.write(`no users in ${store.path}\n`);
        for (const u of users) {
          out.write(`${u.username.padEnd(16)} ${u.role.padEnd(17)} org=${u.org_id ?? '-'} manager=${u.manager_id ?? '-'}${u.disabled ? '  DISABLED' : ''}  ${u.display_name}\n`);
        }
        return 0;
      }
      case 'disable':
      case 'enable': {
        if (!username) throw new UsageError(`${action} needs a username`);
        store.setDisabled(username, action === 'disable');
        out.write(`${username}: ${action}d\n`);
        return 0;
      }
      case 'add': {
        if (!username) throw new UsageError('add needs a username');
        const role = values.role;
        if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
          throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        }
        let org = typeof values.org === 'string' ? values.org : null;
        const manager = typeof values.manager === 'string' ? values.manager : null;
        if ((role === 'branch_president' || role === 'risk_officer' || role === 'supervisor') && !org) throw new UsageError(`--org is required for ${role}`);
        if (role === 'manager' && !manager) throw new UsageError('--manager is required for role manager');
        if (role !== 'manager' && manager) throw new UsageError('--manager is only for role manager');
        if (role === 'admin' && org) throw new UsageError('an admin has no org');
        let name = typeof values.name === 'string' ? values.name : undefined;
        // Check the subject against the published results (read-only: works while the server runs).
        const results = existsSync(db) ? currentResults(db) : undefined;
        if ((org || manager) && existsSync(db) && !results) throw new Error(`no build published for ${db} yet: run \`jixiao build\` before adding a user with an org or manager`);
        if ((org || manager) && results) {
          const wh = await Warehouse.open(results, { readOnly: true });
          try {
            const found = await subjectOrg(wh, { orgId: org, managerId: manager });
            if (!found) throw new Error(manager ? `no manager '${manager}' in ${db}` : `no org '${org}' in ${db}`);
            org = found.org_id;
            name ??= found.name;
          } finally {
            wh.close();
          }
        } else if (org || manager) {
          throw new Error(`no warehouse at ${db} to check --org/--manager against`);
        }
        let password: string;
        let generated = false;
        if (values['password-stdin']) {
          password = readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
        } else {
          password = randomBytes(12).toString('base64url');
          generated = true;
        }
        const u = await store.add({ username, role: role as Role, org_id: org, manager_id: manager, display_name: name, password });
        out.write(`added ${u.username} (${u.role}${u.org_id ? `, org ${u.org_id}` : ''}${u.manager_id ? `, manager ${u.manager_id}` : ''}) to ${store.path}\n`);
        if (generated) out.write(`password: ${password}\n`);
        return 0;
      }
      default:
        throw new UsageError(action ? `unknown action '${action}'` : 'give an action: add, list, disable or enable');
    }
  },
};
export default user;
