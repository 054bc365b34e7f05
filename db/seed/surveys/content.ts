/**
 * What the demo surveys say, as data (issue 10): surveys that authorities and researchers send to
 * the municipalities of Västra Götaland — staffing, climate work, schools, premises — with the
 * answers each municipality gives. The app's survey commands write them
 * (app/jobs/demo-surveys.server.ts); db/ imports nothing from app/, so this file holds only data
 * and the seeded dice the answers are drawn with.
 *
 * The surveys are sent in the order listed. The later ones repeat questions of the earlier ones and
 * ask what the demo catalogue already publishes (schools, charging stations, municipal buildings),
 * so the reuse check finds earlier answers and open data, and the sender confirms them.
 */

export type DemoAnswerType = "number" | "text" | "single_choice" | "multiple_choice" | "yes_no" | "date" | "dataset_link";

export interface DemoQuestion {
  text: string;
  answerType: DemoAnswerType;
  unit?: string;
  helpText?: string;
  choices?: string[];
  minutes: number;
  confidential?: boolean;
  /**
   * The sender confirms the reuse the portal finds for this question (an earlier answer, open
   * data). Left out where the matcher's find would not really answer it (a dataset of schools for
   * "how many pupils"), as a careful sender would leave it.
   */
  confirmReuse?: boolean;
  /** The specification the sender links the question to (issue 14), by its `specifications.seed_key`. */
  specification?: string;
  /** The answer one municipality gives, drawn with the seeded dice (number: a value in [min, max]). */
  answer: { min: number; max: number; decimals?: number } | { pick: string[]; many?: boolean } | { text: string[] } | { url: string };
}

export interface DemoSurvey {
  key: string;
  /** Who sends it: a demo person of an authority or research body (db/seed/organisations.ts). */
  sender: DemoSender;
  title: string;
  purpose: string;
  legalBasis?: string;
  deadlineWorkingDays: number;
  /** The municipalities asked, by kommunkod. */
  targets: string[];
  questions: DemoQuestion[];
  /**
   * draft: saved, not sent. sent: the municipalities in `answeredBy` answer every question they
   * are asked, those in `partlyAnsweredBy` the first one; the rest have not started. closed: sent,
   * answered by `answeredBy`, then closed by its sender, so its results are public.
   */
  status: "draft" | "sent" | "closed";
  answeredBy?: string[];
  partlyAnsweredBy?: string[];
}

export interface DemoSender {
  name: string;
  email: string;
  /** The organisation's slug (db/seed/organisations.ts); the sender sends for it. */
  organisation: string;
}

const senders = {
  scb: { name: "Helena Ström", email: "helena.strom", organisation: "statistiska-centralbyran" },
  lst: { name: "Anders Persson", email: "anders.persson", organisation: "lansstyrelsen-i-vastra-gotalands-lan" },
  gu: { name: "Maria Holm", email: "maria.holm", organisation: "goteborgs-universitet" },
  nv: { name: "Fatima Rahimi", email: "fatima.rahimi", organisation: "naturvardsverket" },
  hb: { name: "Karin Lund", email: "karin.lund", organisation: "hogskolan-i-boras" },
} satisfies Record<string, DemoSender>;

const staffQuestion = (text: string, minutes: number, confirmReuse = false): DemoQuestion => ({
  text,
  confirmReuse,
  answerType: "number",
  unit: "personer",
  helpText: "Räkna personer, inte årsarbetare.",
  minutes,
  answer: { min: 900, max: 9800 },
});

const climatePlanQuestion = (text: string, minutes: number, confirmReuse = false): DemoQuestion => ({
  text,
  confirmReuse,
  answerType: "yes_no",
  minutes,
  answer: { pick: ["yes", "yes", "yes", "no"] },
});

const energyQuestion = (text: string, minutes: number, confirmReuse = false): DemoQuestion => ({
  text,
  confirmReuse,
  answerType: "number",
  unit: "MWh",
  minutes,
  answer: { min: 8000, max: 95000 },
});

export const demoSurveys: DemoSurvey[] = [
  {
    key: "bemanning",
    sender: senders.scb,
    title: "Personal och bemanning i kommunerna 2026",
    purpose:
      "Statistiska centralbyrån följer upp kommunernas personalförsörjning. Svaren ersätter den separata enkät om bemanning som annars skickas till varje kommun.",
    legalBasis: "Lagen (2001:99) om den officiella statistiken",
    deadlineWorkingDays: 15,
    targets: ["1490", "1496", "1481", "1494", "1489", "1488", "1485", "1482"],
    status: "closed",
    answeredBy: ["1490", "1496", "1481", "1494", "1489", "1488", "1485", "1482"],
    questions: [
      staffQuestion("Hur många tillsvidareanställda hade kommunen den 1 november?", 45),
      {
        text: "Hur stor var sjukfrånvaron bland kommunens anställda förra året?",
        answerType: "number",
        unit: "procent",
        minutes: 30,
        answer: { min: 5, max: 9, decimals: 1 },
      },
      {
        text: "Vilka yrkesgrupper har kommunen svårast att rekrytera?",
        answerType: "multiple_choice",
        choices: ["Legitimerade lärare", "Förskollärare", "Sjuksköterskor", "Socionomer", "Ingenjörer", "Undersköterskor"],
        minutes: 20,
        answer: { pick: ["Legitimerade lärare", "Förskollärare", "Sjuksköterskor", "Socionomer", "Ingenjörer"], many: true },
      },
      {
        text: "Hur många timanställda arbetade i äldreomsorgen i oktober?",
        answerType: "number",
        unit: "personer",
        minutes: 60,
        answer: { min: 80, max: 950 },
      },
    ],
  },
  {
    key: "klimat",
    sender: senders.lst,
    title: "Kommunernas klimatarbete – uppföljning 2026",
    purpose: "Länsstyrelsen sammanställer hur kommunerna i länet arbetar med klimat och energi inför den regionala klimatrapporten.",
    deadlineWorkingDays: 20,
    targets: ["1490", "1496", "1494", "1489", "1482", "1415", "1472", "1487"],
    status: "sent",
    answeredBy: ["1490", "1496", "1494", "1489", "1482", "1415"],
    partlyAnsweredBy: ["1472"],
    questions: [
      climatePlanQuestion("Har kommunen en antagen klimatplan eller klimatstrategi?", 15),
      {
        text: "Vilket år ska kommunens egen verksamhet vara fossilfri enligt beslutat mål?",
        answerType: "single_choice",
        choices: ["2025", "2030", "2035", "2045", "Inget beslutat mål"],
        minutes: 15,
        answer: { pick: ["2030", "2030", "2035", "2045", "Inget beslutat mål"] },
      },
      energyQuestion("Hur stor var energianvändningen i kommunens egna lokaler förra året?", 90),
      {
        text: "Var finns kommunens laddstationer för elfordon?",
        specification: "laddpunkter",
        confirmReuse: true,
        answerType: "dataset_link",
        helpText: "Länka till en datamängd eller en karta.",
        minutes: 40,
        answer: { url: "https://www.example.se/laddstationer" },
      },
    ],
  },
  {
    key: "skolor",
    sender: senders.gu,
    title: "Skolans lokaler och personal – forskningsenkät",
    purpose:
      "Göteborgs universitet undersöker hur skolans lokaler och bemanning hänger ihop med elevernas studiemiljö. Uppgifter som redan finns öppet eller som kommunen nyligen lämnat återanvänds.",
    deadlineWorkingDays: 20,
    targets: ["1490", "1496", "1481", "1494", "1489", "1482", "1492", "1491"],
    status: "sent",
    answeredBy: ["1490", "1496", "1481"],
    partlyAnsweredBy: ["1494"],
    questions: [
      staffQuestion("Hur många tillsvidareanställda har kommunen?", 40, true),
      {
        text: "Var finns kommunens grundskolor?",
        confirmReuse: true,
        answerType: "dataset_link",
        helpText: "Länka till en datamängd med skolenheternas adresser.",
        minutes: 45,
        answer: { url: "https://www.example.se/grundskolor" },
      },
      climatePlanQuestion("Har kommunen antagit en klimatplan?", 10, true),
      {
        text: "Hur många elever gick i kommunens grundskolor den 15 oktober?",
        answerType: "number",
        unit: "elever",
        minutes: 60,
        answer: { min: 1200, max: 14000 },
      },
      {
        text: "Hur stor andel av lärarna i grundskolan har lärarlegitimation?",
        answerType: "number",
        unit: "procent",
        minutes: 45,
        answer: { min: 68, max: 92, decimals: 1 },
      },
      {
        text: "Hur bedömer kommunen skolbyggnadernas skick?",
        answerType: "single_choice",
        choices: ["Gott", "Godtagbart", "Stort renoveringsbehov"],
        minutes: 30,
        answer: { pick: ["Gott", "Godtagbart", "Godtagbart", "Stort renoveringsbehov"] },
      },
    ],
  },
  {
    key: "lokaler",
    sender: senders.nv,
    title: "Energi i kommunala fastigheter 2026",
    purpose:
      "Naturvårdsverket kartlägger energianvändningen i kommunernas egna fastigheter och vilka lokaler kommunerna äger, som underlag till Klimatklivet.",
    deadlineWorkingDays: 25,
    targets: ["1490", "1496", "1494", "1489", "1499", "1482"],
    status: "sent",
    answeredBy: ["1499"],
    questions: [
      energyQuestion("Hur stor var energianvändningen i kommunens lokaler under förra året?", 90, true),
      {
        text: "Vilka fastigheter och lokaler äger kommunen?",
        confirmReuse: true,
        answerType: "dataset_link",
        helpText: "Länka till en förteckning över kommunens byggnader och lokaler.",
        minutes: 120,
        answer: { url: "https://www.example.se/fastigheter" },
      },
      {
        text: "Hur många av kommunens byggnader har solceller?",
        answerType: "number",
        unit: "byggnader",
        minutes: 30,
        answer: { min: 3, max: 60 },
      },
      {
        text: "När genomfördes kommunens senaste energikartläggning?",
        answerType: "date",
        minutes: 15,
        answer: { text: ["2024-03-15", "2025-05-20", "2023-10-02", "2025-11-11"] },
      },
    ],
  },
  {
    key: "digital",
    sender: senders.hb,
    title: "Digital kompetens i kommunernas förvaltningar",
    purpose: "Högskolan i Borås vill veta hur kommunerna bygger digital kompetens hos sina medarbetare. Utkast, inte skickat än.",
    deadlineWorkingDays: 15,
    targets: ["1490", "1489", "1491"],
    status: "draft",
    questions: [
      {
        text: "Har kommunen en plan för medarbetarnas digitala kompetens?",
        answerType: "yes_no",
        minutes: 10,
        answer: { pick: ["yes", "no"] },
      },
      {
        text: "Vilka utbildningar i digital kompetens erbjöd kommunen förra året?",
        answerType: "text",
        minutes: 30,
        answer: { text: ["Grundkurs i informationssäkerhet för alla anställda."] },
      },
    ],
  },
];

/** A small seeded PRNG (mulberry32), so the demo answers are the same on every fresh start. */
export function demoDice(seed = 20261203) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    random,
    /** The form value a municipality answers the question with, as a person would type it. */
    answer(question: DemoQuestion, kommunkod: string): string | string[] {
      const spec = question.answer;
      if ("url" in spec) return `${spec.url}-${kommunkod}`;
      if ("text" in spec) return spec.text[Math.floor(random() * spec.text.length)];
      if ("pick" in spec) {
        if (!spec.many) return spec.pick[Math.floor(random() * spec.pick.length)];
        const chosen = spec.pick.filter(() => random() < 0.4);
        return chosen.length ? chosen : [spec.pick[0]];
      }
      const value = spec.min + random() * (spec.max - spec.min);
      return (spec.decimals ? value.toFixed(spec.decimals) : String(Math.round(value))).replace(".", ",");
    },
  };
}
