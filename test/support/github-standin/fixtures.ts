/**
 * Response bodies shaped like GitHub's: every field the spec requires, with
 * plausible values. The stand-in validates each one against the spec before
 * sending it, so a missing or mistyped field fails the test that caused it.
 */

export interface Account {
  login: string;
  id: number;
  type: "User" | "Organization";
}

export interface RepositoryRecord {
  id: number;
  owner: Account;
  name: string;
  private: boolean;
  fork: boolean;
  description: string | null;
  createdAt: string;
}

export interface EnvironmentRecord {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** The API's own base, for the *_url fields (GitHub fills them with api.github.com addresses). */
export interface Urls {
  api: string;
  web: string;
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`).toString("base64").replace(/=+$/, "");
}

export function simpleUser(account: Account, urls: Urls): Record<string, unknown> {
  const api = `${urls.api}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type, account.id),
    avatar_url: `${urls.web}/avatars/${account.id}`,
    gravatar_id: "",
    url: api,
    html_url: `${urls.web}/${account.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** GET /user for the token's own user: the "private-user" shape. */
export function privateUser(account: Account, urls: Urls, createdAt: string): Record<string, unknown> {
  return {
    ...simpleUser(account, urls),
    user_view_type: "private",
    name: null,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: createdAt,
    updated_at: createdAt,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

/** The "full-repository" shape of GET /repos/{owner}/{repo} and of repository creation. */
export function fullRepository(
  repo: RepositoryRecord,
  urls: Urls,
  permissions: { admin: boolean; push: boolean; pull: boolean },
  pushedAt: string | null,
): Record<string, unknown> {
  const fullName = `${repo.owner.login}/${repo.name}`;
  const api = `${urls.api}/repos/${fullName}`;
  const web = `${urls.web}/${fullName}`;
  const host = new URL(urls.web).host;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: fullName,
    owner: simpleUser(repo.owner, urls),
    private: repo.private,
    visibility: repo.private ? "private" : "public",
    html_url: web,
    description: repo.description,
    fork: repo.fork,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: web,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: "main",
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: pushedAt ?? repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    permissions: { ...permissions, maintain: permissions.admin, triage: permissions.push },
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    network_count: 0,
    subscribers_count: 0,
  };
}

export function environment(repoFullName: string, record: EnvironmentRecord, urls: Urls): Record<string, unknown> {
  return {
    id: record.id,
    node_id: nodeId("Environment", record.id),
    name: record.name,
    url: `${urls.api}/repos/${repoFullName}/environments/${encodeURIComponent(record.name)}`,
    html_url: `${urls.web}/${repoFullName}/deployments/activity_log?environments_filter=${encodeURIComponent(record.name)}`,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    protection_rules: [],
    deployment_branch_policy: null,
  };
}

export function basicError(
  message: string,
  status: number,
  docs = "https://docs.github.com/rest",
): Record<string, unknown> {
  return { message, documentation_url: docs, status: String(status) };
}
