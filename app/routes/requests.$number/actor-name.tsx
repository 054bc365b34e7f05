import { useTranslation } from "../../i18n/use-translation";
import type { ShownActor } from "../../models/request-page.server";

/** Who did something, as the page may show them (never an e-mail address). */
export function ActorName({ actor }: { actor: ShownActor }) {
  const { t } = useTranslation();
  switch (actor.kind) {
    case "requester":
      return <>{actor.name ?? t("requestPage.actor.requester")}</>;
    case "coordinator":
      return <>{t("requestPage.actor.coordinator")}</>;
    case "system":
      return <>{t("requestPage.actor.system")}</>;
    case "person":
      return <>{actor.name}</>;
    case "former_user":
      return <>{t("requestPage.actor.formerUser")}</>;
  }
}
