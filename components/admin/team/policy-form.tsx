import { ROLES, type Role } from "@/lib/auth/config";
import { ActionForm, type FormAction } from "./action-form";

/** Which roles must sign in with a second factor: one checkbox per role. */
export function PolicyForm({ requiredFor, action }: { requiredFor: Role[]; action: FormAction }) {
  return (
    <ActionForm action={action} submit="Save two-factor policy" label="Two-factor policy">
      <fieldset>
        <legend>Require two-factor sign-in for</legend>
        {ROLES.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" name="roles" value={role} defaultChecked={requiredFor.includes(role)} /> {role}
          </label>
        ))}
      </fieldset>
    </ActionForm>
  );
}
