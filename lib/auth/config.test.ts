import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { can, dataDir, PERMISSIONS_LIST, ROLES, roleSchema, sessionsFile, usersFile } from "./config";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("can", () => {
  it("grants exactly the permissions in the roles table", () => {
    const granted = Object.fromEntries(ROLES.map((role) => [role, PERMISSIONS_LIST.filter((p) => can(role, p))]));
    // The CONTRACT's roles table: a writer drafts and previews; an editor also publishes; a marketer features.
    expect(granted).toEqual({
      writer: ["dashboard", "preview", "write"],
      editor: ["dashboard", "preview", "write", "publish"],
      marketer: ["dashboard", "feature"],
      admin: ["dashboard", "preview", "write", "publish", "feature", "manage-users"],
    });
  });

  it("parses role names strictly", () => {
    expect(roleSchema.parse("marketer")).toBe("marketer");
    expect(roleSchema.parse("writer")).toBe("writer");
    expect(roleSchema.safeParse("Admin").success).toBe(false);
    expect(roleSchema.safeParse("owner").success).toBe(false);
  });
});

describe("dataDir", () => {
  it("defaults to ./.data and follows DATA_DIR on every call", () => {
    vi.stubEnv("DATA_DIR", "");
    expect(dataDir()).toBe(path.resolve(process.cwd(), ".data"));
    vi.stubEnv("DATA_DIR", "var/folio");
    expect(dataDir()).toBe(path.resolve(process.cwd(), "var/folio"));
    expect(usersFile()).toBe(path.resolve(process.cwd(), "var/folio/users.json"));
    vi.stubEnv("DATA_DIR", "/srv/folio");
    expect(sessionsFile()).toBe("/srv/folio/sessions.json");
  });
});
