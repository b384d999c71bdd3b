import { useApolloClient, useMutation } from "@apollo/client/react";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { errorMessage, hasErrorCode, retryAfterSeconds } from "../../app/errors";
import { LanguageSwitch } from "../../app/layout";
import { usePageTitle } from "../../app/page-title";
import { TextField } from "../../components/form/field";
import { LoginMutation, MeQuery } from "./operations";

export default function SignInPage(): ReactNode {
  const { t } = useTranslation();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ login: boolean; password: boolean }>({
    login: false,
    password: false,
  });
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [signIn, { loading }] = useMutation(LoginMutation);
  usePageTitle(t("signIn.title"));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    // Empty fields are marked where they are; asking the server would only say "wrong".
    const empty = { login: login.trim() === "", password: password === "" };
    setMissing(empty);
    if (empty.login || empty.password) {
      (empty.login ? loginRef : passwordRef).current?.focus();
      return;
    }
    try {
      const result = await signIn({ variables: { login, password } });
      await client.clearStore();
      if (result.data) client.writeQuery({ query: MeQuery, data: { me: result.data.login } });
      const next = params.get("next");
      // Only same-app paths: a crafted ?next= must not send the admin elsewhere.
      navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
    } catch (error) {
      const wait = retryAfterSeconds(error);
      setFailure(
        wait !== undefined
          ? t("signIn.rateLimited", { count: wait })
          : hasErrorCode(error, "UNAUTHENTICATED") || hasErrorCode(error, "BAD_USER_INPUT")
            ? t("signIn.failed")
            : errorMessage(error),
      );
      // Keep the keyboard in the form: the password is what is usually mistyped.
      passwordRef.current?.select();
      passwordRef.current?.focus();
    }
  };

  return (
    <div className="sign-in">
      <main className="sign-in-card">
        <h1>{t("signIn.title")}</h1>
        <form onSubmit={submit} noValidate>
          <TextField
            label={t("signIn.login")}
            name="login"
            autoComplete="username"
            required
            inputRef={loginRef}
            error={missing.login ? t("validation.required") : undefined}
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoFocus
          />
          <TextField
            label={t("signIn.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            inputRef={passwordRef}
            error={missing.password ? t("validation.required") : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {failure && (
            <p className="form-error" role="alert">
              {failure}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={loading}>
            {t("signIn.submit")}
          </button>
        </form>
        <LanguageSwitch />
      </main>
    </div>
  );
}
