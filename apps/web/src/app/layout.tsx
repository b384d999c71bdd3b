import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { type ReactNode, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { toast } from "sonner";
import { LogoutMutation, MeQuery } from "../features/auth/operations";
import { changeLanguage, LANGUAGES, type LanguageCode } from "./i18n";
import { NAV_GROUPS } from "./nav";

export function LanguageSwitch(): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t("language.label")}</span>
      <select value={i18n.language} onChange={(e) => void changeLanguage(e.target.value as LanguageCode)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AppLayout(): ReactNode {
  const { t } = useTranslation();
  const client = useApolloClient();
  const navigate = useNavigate();
  const { data } = useQuery(MeQuery);
  const [logout] = useMutation(LogoutMutation);
  // On narrow screens the navigation is a panel opened by the Menu button; wide screens always show it.
  const [navOpen, setNavOpen] = useState(false);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the panel
  useEffect(() => setNavOpen(false), [pathname]);
  // The link that opened a page is gone with the old page; keyboard focus moves to the new page's
  // content instead of falling back to <body> (screen readers then start reading there).
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every new page
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected)
      mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);
  const signOut = async (): Promise<void> => {
    try {
      await logout();
    } catch {
      // Already signed out on the server; clearing the local state is what matters.
    }
    await client.clearStore();
    navigate("/sign-in", { replace: true });
    toast.success(t("signIn.signedOut"));
  };
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t("frame.skipToContent")}
      </a>
      <header className="app-header">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={navOpen}
          aria-controls="app-nav"
          onClick={() => setNavOpen((open) => !open)}
        >
          {t("frame.menu")}
        </button>
        <span className="app-name">Clientele</span>
        <div className="app-header-tools">
          <LanguageSwitch />
          {data?.me && <span className="app-user">{data.me.login}</span>}
          <button type="button" className="button" onClick={signOut}>
            {t("signIn.signOut")}
          </button>
        </div>
      </header>
      <div className="app-body">
        <nav
          id="app-nav"
          className={navOpen ? "app-nav app-nav--open" : "app-nav"}
          aria-label={t("nav.label")}
          onKeyDown={(e) => {
            if (e.key === "Escape" && navOpen) setNavOpen(false);
          }}
        >
          {NAV_GROUPS.map((group) => (
            <section key={group.id} aria-labelledby={`nav-${group.id}`}>
              <h2 id={`nav-${group.id}`}>{t(group.labelKey)}</h2>
              <ul>
                {group.entries.map((entry) => (
                  <li key={entry.to}>
                    <NavLink to={entry.to}>{t(entry.labelKey)}</NavLink>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </nav>
        <main id="main" ref={mainRef} className="app-main" tabIndex={-1}>
          <Suspense
            fallback={
              <div className="page-state" role="status">
                {t("common.loading")}
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
