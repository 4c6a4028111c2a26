type Props = { canManageUsers: boolean; signOut: () => Promise<void> };

/** The admin's links between its pages, and "Sign out". */
export function AdminNav({ canManageUsers, signOut }: Props) {
  return (
    <nav aria-label="Admin" className="admin-nav">
      <a href="/admin">Posts</a>
      {canManageUsers && <a href="/admin/users">Users</a>}
      <a href="/admin/account">Account</a>
      <form action={signOut}>
        <button type="submit" className="button button--quiet">
          Sign out
        </button>
      </form>
    </nav>
  );
}
