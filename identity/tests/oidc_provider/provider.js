// A real OpenID provider for smartkreis's tests: node's oidc-provider (the certified reference
// implementation) on loopback, configured by one JSON argument:
//
//   { "issuer": optional, the issuer it names (default: its own address),
//     "clients": [oidc-provider client metadata, ...],
//     "accounts": { "<login>": { "sub": ..., <claims> }, ... },
//     "codeTtl": optional seconds an authorization code is valid (default 60),
//     "idTokenAudience": optional, a wrong audience to put into ID tokens (a faulty provider) }
//
// It listens on a free port of 127.0.0.1, prints "listening <address>" once it serves, and runs
// until it is ended. Every start makes a new signing key, so two providers never share one.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2] || '{}');

const server = createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const address = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256',
};

const accounts = config.accounts || {};

const provider = new Provider(config.issuer || address, {
  clients: config.clients || [],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomUUID()] },
  pkce: { required: () => true },
  // smartkreis runs on loopback here, which the provider's protection against server-side
  // request forgery refuses to call (for the back-channel logout).
  fetch(url, options) {
    const { dispatcher, ...rest } = options;
    return globalThis.fetch(url, rest);
  },
  ttl: { AuthorizationCode: config.codeTtl || 60 },
  claims: {
    openid: ['sub'],
    profile: [
      'name', 'given_name', 'family_name', 'preferred_username', 'groups', 'roles',
      'realm_access', 'opendesk_useruuid',
    ],
    email: ['email', 'email_verified'],
  },
  features: {
    devInteractions: { enabled: true },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // The default page loads a web font from the internet; the tests have none.
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Logout</title></head><body>
          <h1>Sign out?</h1>${form}
          <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
          </body></html>`;
      },
    },
  },
  async findAccount(ctx, id) {
    const account = accounts[id] || Object.values(accounts).find((item) => item.sub === id);
    if (!account) return undefined;
    const sub = account.sub || id;
    return {
      accountId: sub,
      async claims() { return { ...account, sub }; },
    };
  },
});

// The development login form takes a login name ("anna"); the account is its sub.
const { interactionFinished } = provider;
provider.interactionFinished = function finishWithSub(req, res, result, options) {
  const account = result.login && accounts[result.login.accountId];
  if (account && account.sub) result.login.accountId = account.sub;
  return interactionFinished.call(this, req, res, result, options);
};

if (config.idTokenAudience) {
  // A faulty provider: its ID tokens name another client as their audience.
  const { issue } = provider.IdToken.prototype;
  provider.IdToken.prototype.issue = async function issueForAnotherAudience(options) {
    if (options.use !== 'idtoken') return issue.call(this, options);
    const { client } = this;
    this.client = Object.create(client, { clientId: { value: config.idTokenAudience } });
    try {
      return await issue.call(this, options);
    } finally {
      this.client = client;
    }
  };
}

provider.on('backchannel.error', (ctx, error) => {
  process.stderr.write(`back-channel logout failed: ${error} ${error.cause || ""}\n`);
});

server.on('request', provider.callback());
process.stdout.write(`listening ${address}\n`);
process.on('SIGTERM', () => { server.close(); process.exit(0); });
