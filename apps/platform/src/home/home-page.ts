import type { DemoOrganisation, DemoUser } from '@careloop/auth';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain HTML until the staff web app lands; every demo login and the API routes to try. */
export function renderHomePage(
  users: readonly DemoUser[],
  organisations: readonly DemoOrganisation[],
): string {
  const orgName = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
  const rows = users
    .map(
      (u) =>
        `<tr><td><code>${escape(u.username)}</code></td><td>${escape(u.name)}</td><td>${escape(u.roles.join(', '))}</td><td>${escape(orgName(u.orgId))}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Careloop</title>
<style>body{font-family:Arial,sans-serif;max-width:60rem;margin:2rem auto;color:#212b32}
table{border-collapse:collapse}td,th{border-bottom:1px solid #d8dde0;padding:.4rem .8rem;text-align:left}
code,pre{background:#f0f4f5;padding:.1rem .3rem}</style></head>
<body>
<h1>Careloop</h1>
<p>Referral and health-advocacy coordination for community drug and alcohol services. This is the
single-process platform on embedded defaults: synthetic demo data only.</p>
<h2>Demo logins</h2>
<table><thead><tr><th>Username</th><th>Name</th><th>Role</th><th>Organisation</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>Try it</h2>
<pre>TOKEN=$(curl -s -X POST localhost:3000/auth/dev/token -H 'content-type: application/json' \\
  -d '{"username":"alex.morgan"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
curl -s localhost:3000/referrals-awaiting-booking -H "authorization: Bearer $TOKEN"</pre>
<ul><li><a href="/docs">API documentation</a></li><li><a href="/health/ready">Readiness</a></li><li><a href="/metrics">Metrics</a></li></ul>
</body></html>`;
}
