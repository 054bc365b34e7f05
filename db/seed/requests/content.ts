import type { RequesterType, RequestStatus, TaskStatus } from "../../schema";

/**
 * What the demo requests say (issue #4): the requesters, the people who vote and comment, the
 * datasets of the bundled Västra Götaland catalogue they link, and the requests themselves, as
 * data. How they become rows is in the other modules of this folder.
 */

export interface Persona {
  name: string;
  type: RequesterType;
  organisation: string | null;
}

/** The requesters; invented people (the companies are "Demobolaget …", like the demo organisations). */
export const personas = {
  badkartan: { name: "Lina Berg", type: "company", organisation: "Demobolaget Badkartan AB" },
  kartdata: { name: "Johan Ekström", type: "company", organisation: "Demobolaget Kartdata Väst AB" },
  laddinfra: { name: "Sara Nilsson", type: "company", organisation: "Demobolaget Laddinfra Norden AB" },
  cykelappen: { name: "Oskar Lindgren", type: "company", organisation: "Demobolaget Cykelappen AB" },
  krogkollen: { name: "Amir Tahir", type: "company", organisation: "Demobolaget Krogkollen AB" },
  foreningskartan: { name: "Ebba Lind", type: "company", organisation: "Demobolaget Föreningskartan AB" },
  gu: { name: "Maria Holm", type: "research", organisation: "Göteborgs universitet" },
  chalmers: { name: "Erik Sandberg", type: "research", organisation: "Chalmers tekniska högskola" },
  hb: { name: "Karin Lund", type: "research", organisation: "Högskolan i Borås" },
  lst: { name: "Anders Persson", type: "authority", organisation: "Länsstyrelsen i Västra Götalands län" },
  scb: { name: "Helena Ström", type: "authority", organisation: "Statistiska centralbyrån" },
  digg: { name: "Patrik Wallin", type: "authority", organisation: "Myndigheten för digital förvaltning" },
  nv: { name: "Fatima Rahimi", type: "authority", organisation: "Naturvårdsverket" },
  emma: { name: "Emma Johansson", type: "citizen", organisation: null },
  ahmed: { name: "Ahmed Hassan", type: "citizen", organisation: null },
  ulla: { name: "Ulla Karlsson", type: "citizen", organisation: "Demoföreningen Tillgänglighet Väst" },
  nils: { name: "Nils Öberg", type: "citizen", organisation: null },
} satisfies Record<string, Persona>;

/** The demo requester account of db/seed/index.ts, when it exists; otherwise Emma asks. */
export type RequesterKey = keyof typeof personas | "demoRequester";

/** People who vote, follow and comment. */
export const voterNames = [
  "Anna Andersson",
  "Lars Svensson",
  "Eva Gustafsson",
  "Mikael Pettersson",
  "Sofia Jonsson",
  "Per Olsson",
  "Maja Larsson",
  "Jonas Eriksson",
  "Elin Magnusson",
  "David Karlsson",
  "Ida Nyström",
  "Mattias Bengtsson",
  "Hanna Axelsson",
  "Niklas Holmberg",
  "Linnea Forsberg",
  "Gustav Sjöberg",
  "Sara Wikström",
  "Henrik Lindberg",
  "Amanda Engström",
  "Daniel Hedlund",
  "Klara Sundberg",
  "Viktor Åberg",
  "Frida Björk",
  "Andreas Blom",
  "Julia Lundgren",
  "Martin Hansson",
  "Emelie Jakobsson",
  "Tobias Strand",
  "Moa Danielsson",
  "Robert Nordin",
  "Alva Fredriksson",
  "Marcus Isaksson",
  "Wilma Falk",
  "Simon Berglund",
  "Elsa Sandström",
  "Kristian Ek",
  "Nora Dahl",
  "Johanna Mattsson",
  "Petter Eklund",
  "Omar Yusuf",
];

/** "Gällande detaljplaner i Borås" and the rest of the bundled Västra Götaland catalogue. */
const uri = {
  borasBadplatser: "https://data.boras.se/dataset/33f0005e-0d93-4d6e-a250-094e72a5cbc5",
  borasDetaljplaner: "https://data.boras.se/dataset/aabf3ebd-0fce-42aa-ae75-6901b9d2ee8c",
  borasGangCykel: "https://data.boras.se/dataset/05374c8f-055d-41f2-bcf6-a7027d0ca26d",
  borasVinterväg: "https://data.boras.se/dataset/29b694c5-5593-4ee4-b5b9-28e53d0b1b97",
  borasToaletter: "https://data.boras.se/dataset/5533eb53-9ebb-4f98-9b62-726debf1bbe2",
  borasForeningar: "https://data.boras.se/dataset/e2cd1a19-d9a9-4b0f-8c2f-62499909a160",
  skovdeLaddplatser: "https://www.skovde.se/oppnadata/dataset/laddplatser",
  skovdeSkolmat: "https://www.skovde.se/oppnadata/dataset/skolmat",
  skovdeDetaljplaner: "https://www.skovde.se/oppnadata/dataset/detaljplaner",
  skovdeEnergi: "https://www.skovde.se/oppnadata/dataset/energiforbrukning",
  skovdeLivsmedel: "https://www.skovde.se/oppnadata/dataset/livsmedelskontroller",
  skovdeValdistrikt: "https://www.skovde.se/oppnadata/dataset/valdistrikt",
  skovdeForeningar: "https://www.skovde.se/oppnadata/dataset/foreningsregister",
  molndalEnergi: "https://data.molndal.se/dataset/361784ac-01ec-439b-8a96-5d16b267bc28",
  molndalDetaljplaner: "https://data.molndal.se/dataset/3c5b7a1e-3817-401b-b2fc-b3e197edb55b",
  molndalBygglov: "https://data.molndal.se/dataset/fef83475-42ef-49e5-8079-82c6f2d47536",
  trollhattanDetaljplaner: "https://www.trollhattan.se/oppnadata/dataset/detaljplaner",
  trollhattanBygglov: "https://www.trollhattan.se/oppnadata/dataset/bygglov",
  uddevallaToaletter: "https://www.uddevalla.se/oppnadata/dataset/offentliga-toaletter",
  uddevallaDetaljplaner: "https://www.uddevalla.se/oppnadata/dataset/detaljplaner",
  uddevallaSnorojning: "https://www.uddevalla.se/oppnadata/dataset/snorojning",
  lidkopingToaletter: "https://data.lidkoping.se/dataset/06cb22f0-1544-4fff-9c83-589a7851a77d",
  lidkopingRadon: "https://data.lidkoping.se/dataset/509aec32-82c2-43bb-a4b7-cf7d62cfb840",
  lidkopingTrad: "https://data.lidkoping.se/dataset/e37d1aee-d006-47c3-81b0-6da6adc35234",
  alingsasValdistrikt: "https://www.alingsas.se/oppnadata/dataset/valdistrikt",
  alingsasForeningar: "https://www.alingsas.se/oppnadata/dataset/foreningsregister",
  lerumDetaljplaner: "https://data.lerum.se/dataset/b2ee2e82-1dc4-4b7f-8ad7-5f4fb8c63bd3",
  lerumTrad: "https://data.lerum.se/dataset/399aff0f-e07c-4c1c-bbe9-ace9ee2a9dca",
  harrydaVinterväg: "https://data.harryda.se/dataset/4a869cf3-2329-4156-b906-f0e932fdefbb",
  vanersborgEnergi: "https://data.vanersborg.se/dataset/5b4b10b0-7d96-431f-bb15-1922744c7854",
  falkopingBygglov: "https://www.falkoping.se/oppnadata/dataset/bygglov",
  ulricehamnForeningar: "https://www.ulricehamn.se/oppnadata/dataset/foreningsregister",
  stenungsundLivsmedel: "https://data.stenungsund.se/dataset/b2c86b6a-9b45-4a4c-805d-97eb87f36868",
  mariestadRadon: "https://www.mariestad.se/oppnadata/dataset/radon",
  tjornBygglov: "https://www.tjorn.se/oppnadata/dataset/bygglov",
  lysekilDetaljplaner: "https://data.lysekil.se/dataset/481dd4cf-4e4f-4241-8381-029a78573cb9",
  amalLivsmedel: "https://www.amal.se/oppnadata/dataset/livsmedelskontroller",
  tibroDetaljplaner: "https://data.tibro.se/dataset/b7cac974-0a9f-4fe1-b247-fb54f79b6473",
  tibroLivsmedel: "https://data.tibro.se/dataset/a3f1ef4c-4904-42fe-8579-322ed517f097",
};

/** A task's state beyond `pending`, reached `after` days after the request was submitted. */
export interface TaskPlan {
  status: Exclude<TaskStatus, "pending">;
  /** Default: some day between routing and the request's answer. */
  after?: number;
  text?: string;
  /** A dataset the organisation linked as (part of) its answer. */
  datasetUri?: string;
  /** Required for `declined`: the explanation given with the reason. */
  reason?: string;
  /** `declined`: the coordinators' reason by its place in the list (decline_reasons.position); default "another reason". */
  reasonPosition?: number;
}

type Author = RequesterKey | "requester" | "coordinator" | "responder" | "voter";

export interface CommentPlan {
  by: Author;
  /** Days after the request was submitted. */
  after: number;
  /** Markdown; `{original}` becomes "förfrågan <number>" of the original of a duplicate. */
  body: string;
  /** Hidden by a coordinator, with this reason. */
  hidden?: string;
  /** Deleted by its author. */
  deleted?: boolean;
}

export interface DemoRequest {
  key: string;
  status: RequestStatus;
  kind?: "data" | "survey";
  title: string;
  body: string;
  purpose: string;
  by: RequesterKey;
  shownAs: "name" | "organisation" | "anonymous";
  /** Every VG municipality, the region, or municipalities by kommunkod. */
  targets: "all" | "region" | string[];
  format?: string;
  frequency?: string;
  tags?: string[];
  /** Submitted this many days before today. */
  age: number;
  /** Days after submission of each later step of its path (see `pathOf`). */
  steps?: number[];
  /** Time to answer given when routed, in Swedish working days. */
  workingDays?: number;
  /** Tasks by kommunkod ("14" for the region); the others stay pending (answered, in an answered request). */
  tasks?: Record<string, TaskPlan>;
  /** answered_by_existing_data: the dataset the requester accepted. */
  datasetUri?: string;
  /** duplicate: the key of the original. */
  duplicateOf?: string;
  /**
   * The specification the coordinator linked it to when routing it (issue 14), by its identifier in
   * db/seed/data/specifications.csv (`specifications.seed_key`).
   */
  specification?: string;
  /** Reason of the last step (rejected, withdrawn, duplicate, closed). */
  reason?: string;
  /** Voters besides the requester. */
  support: number;
  comments?: CommentPlan[];
}

const GR = ["1480", "1481", "1402", "1401", "1441", "1482", "1489", "1407"];

export const demoRequests: DemoRequest[] = [
  // Open: routed, the municipalities answering.
  {
    key: "detaljplaner",
    status: "open",
    specification: "detaljplan",
    title: "Detaljplaner som GeoJSON för hela Västra Götaland",
    body: `Vi bygger en karttjänst för fastighetsutvecklare och behöver **gällande detaljplaner** för samtliga kommuner i Västra Götaland.

Önskat innehåll per plan:
- plangräns som polygon (SWEREF 99 TM eller WGS 84)
- planbeteckning, plannamn och datum för laga kraft
- länk till plankarta och planbeskrivning (PDF)

Idag måste vi hämta planerna från 49 olika webbplatser i lika många format.`,
    purpose: "En gemensam, maskinläsbar plankarta för hela länet som företag, medborgare och kommunerna själva kan använda.",
    by: "kartdata",
    shownAs: "organisation",
    targets: "all",
    format: "GeoJSON (SWEREF 99 TM eller WGS 84)",
    frequency: "När en ny plan vinner laga kraft",
    tags: ["geodata", "detaljplaner", "samhällsbyggnad"],
    age: 120,
    steps: [4],
    workingDays: 40,
    tasks: {
      "1490": { status: "answered", after: 14, datasetUri: uri.borasDetaljplaner },
      "1496": { status: "answered", after: 19, datasetUri: uri.skovdeDetaljplaner },
      "1481": { status: "answered", after: 22, datasetUri: uri.molndalDetaljplaner },
      "1485": {
        status: "published",
        after: 41,
        datasetUri: uri.uddevallaDetaljplaner,
        text: "Vi har publicerat planerna som en ny datamängd med plangränser i GeoJSON. Den uppdateras varje natt från vårt plansystem.",
      },
      "1488": { status: "answered", after: 27, datasetUri: uri.trollhattanDetaljplaner },
      "1441": { status: "answered", after: 33, datasetUri: uri.lerumDetaljplaner },
      "1472": { status: "answered", after: 45, datasetUri: uri.tibroDetaljplaner },
      "1484": { status: "answered", after: 50, datasetUri: uri.lysekilDetaljplaner },
      "1499": { status: "in_progress", after: 30 },
      "1480": { status: "in_progress", after: 12 },
      "1462": { status: "in_progress", after: 61 },
      "1427": {
        status: "declined",
        after: 38,
        reason: "Sotenäs planer före 1987 finns bara inskannade; digitaliseringen är planerad till 2027. Vi återkommer då.",
      },
      "1446": {
        status: "not_held",
        after: 44,
        text: "Karlsborgs kommun har inga digitala plangränser; planerna finns som PDF-filer på kommunens webbplats.",
      },
    },
    support: 27,
    comments: [
      {
        by: "voter",
        after: 2,
        body: "Mycket bra initiativ! Vi på ett arkitektkontor i Göteborg lägger flera timmar i veckan på att leta fram planer.",
      },
      {
        by: "coordinator",
        after: 5,
        body: "Förfrågan är skickad till alla 49 kommuner med 40 arbetsdagars svarstid. Kommuner som redan publicerar detaljplaner kan länka sin datamängd direkt.",
      },
      {
        by: "voter",
        after: 9,
        body: "Ring mig gärna på 070-000 00 00 så kan jag berätta hur vi löste det i vår kommun.",
        hidden: "Kommentaren innehöll ett privat telefonnummer. Skriv gärna igen utan det.",
      },
      {
        by: "responder",
        after: 14,
        body: "Borås stad har länkat sin datamängd **Gällande detaljplaner i Borås**. Plangränserna finns som GeoJSON och WMS.",
      },
      {
        by: "requester",
        after: 52,
        body: "Tack till alla som har svarat hittills! Vi har nu planer från åtta kommuner i tjänsten. Se [vår testversion](https://kartdata-vast.example/plankarta).",
      },
      {
        by: "voter",
        after: 80,
        body: "Finns det någon plan för att ta fram en gemensam specifikation för detaljplaner, likt Boverkets nya krav på digitala planer?",
      },
    ],
  },
  {
    key: "forskoleplatser",
    status: "open",
    title: "Antal förskoleplatser per kommun 2020–2025",
    body: `För ett forskningsprojekt om barnomsorgens utbyggnad i Göteborgsregionen behöver vi per kommun och år 2020–2025:

1. antal förskoleplatser (kommunala och fristående)
2. antal inskrivna barn per 15 oktober
3. genomsnittlig kötid i dagar

Helst per förskoleenhet, annars per kommun.`,
    purpose: "Underlag till en vetenskaplig studie om hur bostadsbyggande och förskoleutbyggnad hänger ihop; resultaten publiceras öppet.",
    by: "gu",
    shownAs: "name",
    targets: GR,
    format: "CSV eller Excel",
    frequency: "En gång per år",
    tags: ["förskola", "statistik"],
    age: 70,
    steps: [5],
    workingDays: 20,
    tasks: {
      "1490": {
        status: "answered",
        after: 30,
        text: "Borås ingår inte i Göteborgsregionen men vi svarar gärna: platser och inskrivna barn per förskoleenhet 2020–2025 finns i bifogad CSV.",
      },
      "1481": {
        status: "answered",
        after: 18,
        text: "Mölndals stad: platser och inskrivna barn per förskoleenhet finns i bifogad fil. Kötid redovisas bara som median per år.",
      },
      "1441": { status: "in_progress", after: 25 },
      "1480": { status: "in_progress", after: 11 },
    },
    support: 14,
    comments: [
      {
        by: "voter",
        after: 3,
        body: "Skulle vara värdefullt att få med **fristående** förskolor separat, så att man kan se utvecklingen.",
      },
      { by: "requester", after: 6, body: "Bra poäng – vi tar gärna emot uppgifterna uppdelat på huvudman om det går." },
      { by: "voter", after: 40, body: "Ett tips: SCB och Skolverket har en del av detta, men inte kötiderna." },
    ],
  },
  {
    key: "skolresultat-goteborg",
    status: "open",
    title: "Skolresultat per skola i Göteborg",
    body: "Jag vill kunna jämföra grundskolorna i Göteborg: meritvärde i årskurs 9, andel behöriga till gymnasiet och resultat på nationella prov, per skola och läsår sedan 2019.",
    purpose: "Som förälder vill jag välja skola på ett bättre underlag än rykten. Fler föräldrar i vårt område har samma behov.",
    by: "emma",
    shownAs: "name",
    targets: ["1480"],
    format: "CSV eller Excel",
    frequency: "Varje läsår",
    tags: ["skola", "grundskola"],
    age: 16,
    steps: [3],
    workingDays: 20,
    tasks: { "1480": { status: "in_progress", after: 6 } },
    support: 9,
    comments: [
      { by: "voter", after: 4, body: "Instämmer! Skolverkets statistik är svår att hitta för enskilda skolor." },
      { by: "voter", after: 8, body: "Glöm inte att små skolor ofta har sekretessmarkerade siffror när få elever skrivit provet." },
    ],
  },
  {
    key: "toaletter-tillganglighet",
    status: "open",
    specification: "public-toilets",
    title: "Offentliga toaletter med tillgänglighet",
    body: `Vi vill samla alla **offentliga toaletter** i de större kommunerna på en karta, med uppgifter om:

- öppettider och om toaletten kostar något
- om den är tillgänglighetsanpassad (RWC), har skötbord eller larm
- position (koordinater)`,
    purpose: "Personer med funktionsnedsättning och småbarnsföräldrar ska kunna planera sina resor; vi publicerar kartan fritt.",
    by: "ulla",
    shownAs: "organisation",
    targets: ["1480", "1490", "1496", "1488", "1485", "1494", "1482"],
    format: "GeoJSON eller CSV med koordinater",
    frequency: "När något ändras",
    tags: ["tillgänglighet", "geodata"],
    age: 45,
    steps: [6],
    workingDays: 15,
    tasks: {
      "1485": { status: "answered", after: 10, datasetUri: uri.uddevallaToaletter },
      "1490": {
        status: "published",
        after: 15,
        datasetUri: uri.borasToaletter,
        text: "Vi har publicerat toaletterna som en ny datamängd med fält för RWC, skötbord och ledstråk.",
      },
      "1494": { status: "answered", after: 21, datasetUri: uri.lidkopingToaletter },
      "1496": { status: "in_progress", after: 18 },
    },
    support: 19,
    comments: [
      { by: "voter", after: 1, body: "Äntligen! Tillgänglighetsinformationen saknas nästan alltid." },
      { by: "responder", after: 15, body: "Borås datamängd har fält för RWC och skötbord; öppettiderna lägger vi till under våren." },
      { by: "requester", after: 30, body: "Stort tack till Uddevalla, Borås och Lidköping. Vi väntar fortfarande på övriga kommuner." },
    ],
  },
  {
    key: "energi-fastigheter",
    status: "open",
    title: "Energianvändning i kommunala fastigheter",
    body: "Månadsvis energianvändning (el, fjärrvärme och värmepump i kWh) per kommunal byggnad, med byggnadens typ (skola, förskola, äldreboende …), uppvärmd area (Atemp) och byggår, helst sedan 2019.",
    purpose:
      "Ett forskningsprojekt om energieffektivisering i offentliga lokaler; kommunerna får jämförelser med liknande byggnader tillbaka.",
    by: "chalmers",
    shownAs: "name",
    targets: ["1480", "1490", "1496", "1487", "1488", "1485", "1441", "1493", "1494"],
    format: "CSV per byggnad och månad (kWh)",
    frequency: "Månadsvis",
    tags: ["energi", "fastigheter", "klimat"],
    age: 24,
    steps: [4],
    workingDays: 30,
    tasks: {
      "1487": { status: "answered", after: 9, datasetUri: uri.vanersborgEnergi },
      "1496": { status: "answered", after: 13, datasetUri: uri.skovdeEnergi },
      "1490": {
        status: "not_held",
        after: 8,
        text: "Borås kommuns fastigheter värms och mäts av Borås Energi och Miljö AB; energiuppgifterna per byggnad finns hos dem, inte hos kommunen.",
      },
      "1494": { status: "in_progress", after: 15 },
    },
    support: 11,
    comments: [
      { by: "requester", after: 5, body: "Mölndals motsvarande data fanns redan i katalogen, så Mölndal är inte med här." },
      { by: "voter", after: 10, body: "Intressant! Kommer ni att publicera jämförelserna?" },
    ],
  },
  {
    key: "laddplatser",
    status: "open",
    specification: "laddpunkter",
    title: "Publika laddplatser för elbil",
    body: "Kommunens egna publika laddplatser: läge (koordinater), antal laddpunkter, effekt (kW), kontakttyp, ägare och om platsen är öppen dygnet runt.",
    purpose: "En karta över laddplatser i hela regionen för elbilsförare och för planering av nya laddstationer.",
    by: "laddinfra",
    shownAs: "organisation",
    targets: ["1490", "1496", "1488", "1480"],
    format: "GeoJSON eller CSV med koordinater",
    frequency: "Kvartalsvis",
    tags: ["energi", "transporter", "laddplatser"],
    age: 12,
    steps: [2],
    workingDays: 20,
    tasks: {
      "1496": { status: "in_progress", after: 6 },
      "1488": { status: "answered", after: 8, text: "Trollhättan har fyra publika laddplatser; listan med koordinater bifogas som CSV." },
    },
    support: 5,
  },
  {
    key: "parkering",
    status: "open",
    title: "Parkeringsautomater och taxor",
    body: "Kommunala parkeringsautomater med läge, taxa per timme och tider då avgift tas ut.",
    purpose: "En parkeringsapp som visar pris och betaltider innan man åker.",
    by: "cykelappen",
    shownAs: "organisation",
    targets: ["1490", "1496", "1487", "1488"],
    format: "CSV eller JSON",
    frequency: "När taxan ändras",
    tags: ["parkering", "transporter"],
    age: 50,
    steps: [3],
    workingDays: 20,
    tasks: {
      "1490": {
        status: "declined",
        after: 20,
        reasonPosition: 4,
        reason: "Parkeringen i Borås sköts av det kommunala bolaget Borås Parkerings AB; fråga dem direkt.",
      },
      "1487": { status: "answered", after: 14 },
      "1488": { status: "in_progress", after: 16 },
    },
    support: 4,
  },
  {
    key: "bygglov",
    status: "open",
    title: "Bygglov per månad",
    body: "Antal beviljade bygglov per månad sedan januari 2022, uppdelat på nybyggnad, tillbyggnad och ändrad användning, och för bostäder antal lägenheter.",
    purpose: "Ett snabbare mått på byggandet än den årliga statistiken; underlag för regionens bostadsförsörjningsanalys.",
    by: "scb",
    shownAs: "organisation",
    targets: ["1480", "1490", "1481", "1488", "1496", "1489", "1419", "1499"],
    format: "CSV",
    frequency: "Månadsvis",
    tags: ["bygglov", "statistik", "bostäder"],
    age: 95,
    steps: [3],
    workingDays: 20,
    tasks: {
      "1481": { status: "answered", after: 12, datasetUri: uri.molndalBygglov },
      "1488": { status: "answered", after: 17, datasetUri: uri.trollhattanBygglov },
      "1499": { status: "answered", after: 26, datasetUri: uri.falkopingBygglov },
      "1419": { status: "answered", after: 29, datasetUri: uri.tjornBygglov },
      "1490": { status: "in_progress", after: 20 },
    },
    support: 8,
    comments: [
      { by: "voter", after: 7, body: "Vi skulle också behöva **startbesked**, inte bara beviljade lov." },
      { by: "voter", after: 12, body: "Fel tråd, ignorera.", deleted: true },
      { by: "coordinator", after: 45, body: "Påminnelse skickad till de kommuner som inte har svarat; svarstiden har passerat." },
    ],
  },
  {
    key: "vardcentraler",
    status: "open",
    title: "Väntetider till vårdcentraler per månad",
    body: "Väntetid till första besök och telefontillgänglighet per vårdcentral i Västra Götaland, per månad sedan 2023.",
    purpose: "Jag vill kunna välja vårdcentral och se hur tillgängligheten utvecklas där jag bor.",
    by: "nils",
    shownAs: "anonymous",
    targets: "region",
    format: "CSV",
    frequency: "Månadsvis",
    tags: ["hälso- och sjukvård"],
    age: 20,
    steps: [2],
    workingDays: 20,
    tasks: { "14": { status: "in_progress", after: 5 } },
    support: 12,
    comments: [{ by: "voter", after: 6, body: "Telefontillgängligheten vore extra intressant." }],
  },
  {
    key: "klimatanpassning",
    status: "open",
    kind: "survey",
    title: "Enkät: klimatanpassning i kustkommunerna",
    body: `Länsstyrelsen följer upp kustkommunernas arbete med klimatanpassning. I stället för en separat enkät per kommun ställer vi frågorna här:

1. Har kommunen en antagen plan för klimatanpassning? (ja/nej, år)
2. Hur många detaljplaner har sedan 2020 prövats mot en högsta beräknad havsnivå?
3. Vilka skyfallskarteringar finns, och är de publicerade?`,
    purpose: "Uppföljning till regeringens uppdrag om klimatanpassning; svaren återanvänds i länets rapport och behöver inte lämnas igen.",
    by: "lst",
    shownAs: "organisation",
    targets: ["1480", "1482", "1407", "1415", "1419", "1421", "1427", "1484", "1485", "1486", "1435"],
    frequency: "En gång",
    tags: ["klimatanpassning", "enkät"],
    age: 30,
    steps: [3],
    workingDays: 25,
    tasks: {
      "1407": {
        status: "answered",
        after: 9,
        text: "1. Ja, antagen 2022. 2. Fyra planer. 3. Skyfallskartering från 2021, publicerad på kommunens webbplats.",
      },
      "1419": {
        status: "answered",
        after: 12,
        text: "1. Ja, 2023. 2. Sex planer. 3. Skyfallskartering finns men är inte publicerad; vi publicerar den under året.",
      },
      "1486": {
        status: "answered",
        after: 20,
        text: "1. Nej, plan under framtagande (beslut väntas 2026). 2. Två planer. 3. Ingen egen kartering; vi använder MSB:s.",
      },
      "1484": { status: "in_progress", after: 14 },
    },
    support: 5,
    comments: [{ by: "voter", after: 5, body: "Bra att frågorna ställs här i stället för i ännu en enkät per mejl." }],
  },
  {
    key: "tradinventering",
    status: "open",
    title: "Trädinventering: gatuträd och parkträd med art och planteringsår",
    body: "Inventerade träd på kommunens mark: art, stamomkrets, planteringsår, skyddsvärde och position.",
    purpose: "Underlag för en nationell sammanställning av skyddsvärda träd i tätorter.",
    by: "nv",
    shownAs: "organisation",
    targets: ["1494", "1441", "1415", "1499", "1493", "1492", "1401"],
    format: "GeoJSON",
    frequency: "En gång per år",
    tags: ["natur", "geodata"],
    age: 12,
    steps: [2],
    workingDays: 20,
    tasks: {
      "1494": { status: "answered", after: 6, datasetUri: uri.lidkopingTrad },
      "1441": { status: "answered", after: 8, datasetUri: uri.lerumTrad },
    },
    support: 6,
    comments: [{ by: "voter", after: 4, body: "Skyddsvärde enligt vilken metodik? Det skiljer sig mellan kommunerna." }],
  },

  // Submitted: waiting for a coordinator's triage.
  {
    key: "trafikmatningar",
    status: "submitted",
    title: "Trafikmätningar på kommunala gator",
    body: "Resultat från kommunernas trafikmätningar (slangmätningar och fasta mätpunkter): mätpunkt, period, fordon per dygn, andel tung trafik och hastighet (medel och 85-percentil).",
    purpose: "Vi tar fram en trafikmodell för logistikföretag i Göteborgsregionen; kommunerna får modellen fritt.",
    by: "kartdata",
    shownAs: "organisation",
    targets: ["1480", "1481", "1402", "1401", "1482"],
    format: "CSV med mätpunkt, datum och fordon per timme",
    frequency: "Månadsvis",
    age: 5,
    support: 4,
    comments: [{ by: "voter", after: 1, body: "Även cykelflöden vore bra om de finns." }],
  },
  {
    key: "matavfall",
    status: "submitted",
    title: "Matavfall per hushåll",
    body: "Insamlad mängd matavfall (kg per hushåll och år) för 2020–2025, uppdelat på villor och flerbostadshus, samt andel hushåll som har matavfallsinsamling.",
    purpose: "En studie vid Högskolan i Borås om vilka insamlingssystem som minskar mängden mat i restavfallet.",
    by: "hb",
    shownAs: "name",
    targets: "all",
    format: "Excel eller CSV",
    frequency: "En gång per år",
    age: 8,
    support: 7,
    comments: [
      { by: "voter", after: 2, body: "Många kommuner har lämnat över avfallet till ett kommunalförbund eller bolag – vem svarar då?" },
      { by: "requester", after: 3, body: "Bra fråga. Kommunen kan gärna svara med en hänvisning till förbundet, så frågar vi dem." },
    ],
  },
  {
    key: "gatubelysning",
    status: "submitted",
    title: "Felanmälningar om gatubelysning",
    body: "Hur många felanmälningar om trasig gatubelysning har kommunen fått per månad sedan 2023, och hur lång tid tog det i genomsnitt att laga?",
    purpose: "Det är mörkt på min väg till jobbet och jag vill veta om det blivit bättre.",
    by: "ahmed",
    shownAs: "anonymous",
    targets: ["1463"],
    format: "Tabell",
    age: 3,
    support: 2,
  },
  {
    key: "lekplatser",
    status: "submitted",
    title: "Tillgängliga lekplatser i Göteborg",
    body: "Vilka lekplatser i Göteborg är tillgänglighetsanpassade (till exempel fast underlag, gungor för rullstol, sittplatser)? Gärna med koordinater och bilder.",
    purpose: "Vi har ett barn som använder rullstol och vill hitta lekplatser där alla barn kan leka tillsammans.",
    by: "demoRequester",
    shownAs: "name",
    targets: ["1480"],
    format: "Karta eller GeoJSON",
    age: 9,
    support: 5,
    comments: [{ by: "voter", after: 2, body: "Det här efterfrågas ofta i vår föräldragrupp också." }],
  },
  {
    key: "ai-enkat",
    status: "submitted",
    kind: "survey",
    title: "Enkät: användning av AI och automatiserat beslutsfattande i kommunerna",
    body: `Myndigheten för digital förvaltning kartlägger hur kommunerna använder AI. Frågor:

1. Använder kommunen automatiserat beslutsfattande? Inom vilka ärendetyper?
2. Använder kommunen generativ AI (till exempel för text eller sammanfattningar)? I vilka verksamheter?
3. Finns en antagen riktlinje för AI?`,
    purpose: "Underlag till en nationell lägesbild; svaren publiceras per kommun och återanvänds av andra myndigheter.",
    by: "digg",
    shownAs: "organisation",
    targets: "all",
    frequency: "En gång per år",
    age: 4,
    support: 3,
  },
  {
    key: "bostadsanpassning",
    status: "submitted",
    title: "Bostadsanpassningsbidrag per år 2019–2025",
    body: "Antal beviljade bostadsanpassningsbidrag och beviljat belopp per kommun och år, gärna uppdelat på åtgärdstyp (hiss, badrum, ramper …).",
    purpose: "Länsstyrelsens analys av bostadsförsörjningen för äldre och personer med funktionsnedsättning.",
    by: "lst",
    shownAs: "organisation",
    targets: "all",
    format: "Excel",
    frequency: "En gång per år",
    age: 2,
    support: 1,
  },

  // Answered: every municipality asked has answered.
  {
    key: "livsmedelskontroller",
    status: "answered",
    title: "Livsmedelskontroller med resultat per verksamhet",
    body: "Resultatet av kommunernas livsmedelskontroller per restaurang och butik: datum, kontrolltyp, avvikelser och om uppföljning krävs.",
    purpose: "Vi vill visa kontrollresultat i vår restaurangguide, så som man redan kan i Danmark med smiley-systemet.",
    by: "krogkollen",
    shownAs: "organisation",
    targets: ["1496", "1492", "1415", "1472"],
    format: "CSV eller JSON",
    frequency: "Veckovis",
    tags: ["livsmedel", "miljö och hälsa"],
    age: 80,
    steps: [4, 30],
    tasks: {
      "1496": { status: "answered", after: 10, datasetUri: uri.skovdeLivsmedel },
      "1492": { status: "answered", after: 14, datasetUri: uri.amalLivsmedel },
      "1415": { status: "answered", after: 20, datasetUri: uri.stenungsundLivsmedel },
      "1472": { status: "answered", after: 28, datasetUri: uri.tibroLivsmedel },
    },
    support: 10,
    comments: [
      {
        by: "voter",
        after: 6,
        body: "Tänk på att ett kontrollresultat är en ögonblicksbild; en enda avvikelse kan se värre ut än den är.",
      },
      {
        by: "requester",
        after: 31,
        body: "Alla fyra kommunerna hade redan datamängder – tack! Vi visar dem med datum och en förklaring av vad en avvikelse innebär.",
      },
    ],
  },
  {
    key: "vinterväg",
    status: "answered",
    title: "Vinterväghållning: plogrutter och prioriteringsklasser för cykelvägar",
    body: "Vilka gång- och cykelvägar plogas först (prioriteringsklasser), och när plogades de senast? Vi behöver vägsegmenten med klass, gärna med tidpunkt för senaste plogning.",
    purpose: "Vår cykelapp ska föreslå den väg som är snöröjd, inte bara den kortaste.",
    by: "cykelappen",
    shownAs: "organisation",
    targets: ["1485", "1487", "1490", "1401"],
    format: "GeoJSON",
    frequency: "Realtid eller dagligen under vintern",
    tags: ["cykel", "vinterväghållning", "geodata"],
    age: 150,
    steps: [3, 40],
    workingDays: 25,
    tasks: {
      "1485": { status: "answered", after: 12, datasetUri: uri.uddevallaSnorojning },
      "1490": { status: "answered", after: 18, datasetUri: uri.borasVinterväg },
      "1401": { status: "answered", after: 25, datasetUri: uri.harrydaVinterväg },
      "1487": {
        status: "answered",
        after: 38,
        text: "Vänersborg har prioriteringsklasserna som en karta i PDF; vi bifogar dem som GeoJSON. Tidpunkt för plogning har vi inte digitalt.",
      },
    },
    support: 13,
    comments: [
      {
        by: "responder",
        after: 18,
        body: "Borås stads datamängd innehåller prioriteringsklass per segment. Senaste plogning finns inte ännu.",
      },
      { by: "voter", after: 22, body: "Skulle gärna se samma sak för Göteborg." },
      {
        by: "requester",
        after: 42,
        body: "Tack alla fyra! Appen visar nu prioriterade cykelvägar i Uddevalla, Vänersborg, Borås och Härryda.",
      },
    ],
  },
  {
    key: "komvux",
    status: "answered",
    title: "Elever i kommunal vuxenutbildning per kommun och kurs 2024",
    body: "Antal elever och kursdeltagare i kommunal vuxenutbildning (komvux) 2024 per kurs och studieform (distans/närstudier), samt andel som fullföljt.",
    purpose: "Kvalitetssäkring av den officiella statistiken över vuxenutbildning.",
    by: "scb",
    shownAs: "organisation",
    targets: ["1490", "1496", "1488", "1487"],
    format: "CSV",
    frequency: "En gång per år",
    tags: ["utbildning", "statistik"],
    age: 110,
    steps: [2, 25],
    support: 4,
    comments: [{ by: "voter", after: 10, body: "Går det att få med SFI separat?" }],
  },

  // Partly answered.
  {
    key: "skolskjuts",
    status: "partly_answered",
    title: "Skolskjutsar: antal elever och kostnad per kommun 2023–2025",
    body: "Antal elever med skolskjuts, total kostnad och kostnad per elev och år 2023–2025 för kommunerna i Sjuhärad.",
    purpose: "Jämförelse inför en gemensam upphandling av skolskjutsar i Sjuhärad.",
    by: "hb",
    shownAs: "name",
    targets: ["1490", "1491", "1452", "1465", "1443", "1463", "1466"],
    format: "Excel",
    frequency: "En gång per år",
    tags: ["skola", "kollektivtrafik"],
    age: 100,
    steps: [5, 45],
    workingDays: 25,
    tasks: {
      "1490": { status: "answered", after: 15 },
      "1491": { status: "answered", after: 21 },
      "1452": { status: "answered", after: 26 },
      "1463": { status: "answered", after: 33 },
      "1465": {
        status: "not_held",
        after: 18,
        text: "Svenljungas skolskjutsar upphandlas och körs av Västtrafik; antal elever finns hos dem.",
      },
      "1443": {
        status: "declined",
        after: 29,
        reason: "Uppgifterna för 2023 finns bara i pappersakter. Vi kan lämna 2025 om det räcker – hör av er.",
      },
    },
    support: 6,
    comments: [
      { by: "requester", after: 30, body: "Till Bollebygd: 2025 räcker gott, tack!" },
      { by: "voter", after: 50, body: "Herrljunga har inte svarat än, trots att svarstiden har gått ut." },
    ],
  },
  {
    key: "radon",
    status: "partly_answered",
    title: "Radonmätningar i skolor och förskolor",
    body: "Senaste radonmätning per skola och förskola: datum, uppmätt halt (Bq/m³) och om åtgärder har gjorts.",
    purpose: "Som förälder vill jag veta att mitt barns förskola är mätt och under referensnivån 200 Bq/m³.",
    by: "emma",
    shownAs: "name",
    targets: ["1494", "1493", "1496", "1495"],
    format: "CSV",
    frequency: "Vid ny mätning",
    tags: ["miljö och hälsa", "skola"],
    age: 60,
    steps: [3, 35],
    tasks: {
      "1494": { status: "answered", after: 10, datasetUri: uri.lidkopingRadon },
      "1493": { status: "answered", after: 16, datasetUri: uri.mariestadRadon },
      "1496": {
        status: "declined",
        after: 24,
        reason: "Mätningarna görs av Skövde kommunkoncerns fastighetsbolag och publiceras inte per skola ännu. Kontakta bolaget direkt.",
      },
    },
    support: 9,
    comments: [{ by: "voter", after: 12, body: "Lidköpings datamängd är jättebra – den har både skolor och bostäder." }],
  },

  // Closed.
  {
    key: "valdistrikt",
    status: "closed",
    title: "Valdistrikt och vallokaler som geodata inför valet 2026",
    body: "Valdistriktens gränser och vallokalernas adresser, öppettider och tillgänglighet som geodata.",
    purpose: "Forskning om valdeltagande och avstånd till vallokal.",
    by: "gu",
    shownAs: "name",
    targets: ["1489", "1496", "1480", "1490"],
    format: "GeoJSON",
    frequency: "Inför varje val",
    tags: ["val", "geodata"],
    age: 170,
    steps: [4, 30, 40],
    reason: "Alla tillfrågade kommuner har svarat.",
    tasks: {
      "1489": { status: "answered", after: 12, datasetUri: uri.alingsasValdistrikt },
      "1496": { status: "answered", after: 15, datasetUri: uri.skovdeValdistrikt },
    },
    support: 7,
    comments: [{ by: "requester", after: 41, body: "Tack, detta räcker för vår studie." }],
  },
  {
    key: "foreningsregister",
    status: "closed",
    title: "Föreningsregister med verksamhet och kontaktvägar",
    body: "Kommunernas register över bidragsberättigade föreningar: namn, verksamhet, målgrupp, ort och föreningens officiella kontaktväg (webb eller funktionsadress).",
    purpose: "En karta över föreningslivet, så att nyinflyttade hittar en förening.",
    by: "foreningskartan",
    shownAs: "organisation",
    targets: ["1490", "1491", "1489", "1496"],
    format: "CSV",
    frequency: "Kvartalsvis",
    tags: ["föreningsliv", "fritid"],
    age: 140,
    steps: [3, 20, 28],
    tasks: {
      "1490": { status: "answered", after: 8, datasetUri: uri.borasForeningar },
      "1491": { status: "answered", after: 11, datasetUri: uri.ulricehamnForeningar },
      "1489": { status: "answered", after: 14, datasetUri: uri.alingsasForeningar },
      "1496": { status: "answered", after: 19, datasetUri: uri.skovdeForeningar },
    },
    support: 5,
    comments: [{ by: "voter", after: 9, body: "Se till att inga privatpersoners kontaktuppgifter följer med." }],
  },

  // Answered by existing data: the requester accepted a dataset while writing.
  {
    key: "badplatser-boras",
    status: "answered_by_existing_data",
    title: "Badplatser och badvattenkvalitet i Borås för en badapp",
    body: "Vi bygger en badapp och behöver Borås badplatser med position, faciliteter (toalett, brygga, tillgänglighet) och senaste provtagning av badvattnet.",
    purpose: "En app som visar närmaste badplats med bra vattenkvalitet.",
    by: "badkartan",
    shownAs: "organisation",
    targets: ["1490"],
    format: "JSON eller GeoJSON",
    frequency: "Under badsäsongen, veckovis",
    datasetUri: uri.borasBadplatser,
    age: 140,
    support: 0,
    comments: [
      {
        by: "requester",
        after: 1,
        body: "Hittade allt i katalogen direkt. Provtagningarna finns i en egen datamängd, **Badvattenkontroll Borås**.",
      },
    ],
  },
  {
    key: "laddstolpar-skovde",
    status: "answered_by_existing_data",
    title: "Laddstolpar i Skövde",
    body: "Publika laddplatser för elbil i Skövde: position, antal uttag, effekt (kW) och operatör.",
    purpose: "Planering av nya snabbladdare där det saknas laddning idag.",
    by: "laddinfra",
    shownAs: "organisation",
    targets: ["1496"],
    format: "CSV eller GeoJSON",
    frequency: "Kvartalsvis",
    datasetUri: uri.skovdeLaddplatser,
    age: 65,
    support: 0,
  },
  {
    key: "gang-cykel-boras",
    status: "answered_by_existing_data",
    title: "Gång- och cykelvägar i Borås",
    body: "Borås nät av gång- och cykelvägar som geodata, med beläggning och belysning om det finns.",
    purpose: "Cykelnavigering i vår app.",
    by: "cykelappen",
    shownAs: "name",
    targets: ["1490"],
    format: "GeoJSON",
    datasetUri: uri.borasGangCykel,
    age: 35,
    support: 0,
    comments: [{ by: "voter", after: 3, body: "Bra att det redan fanns – finns motsvarande för Ulricehamn?" }],
  },
  {
    key: "toaletter-uddevalla",
    status: "answered_by_existing_data",
    title: "Offentliga toaletter i Uddevalla",
    body: "Var finns offentliga toaletter i Uddevalla och vilka är tillgänglighetsanpassade?",
    purpose: "Planering av utflykter med min mamma som använder rullator.",
    by: "ahmed",
    shownAs: "name",
    targets: ["1485"],
    datasetUri: uri.uddevallaToaletter,
    age: 50,
    support: 0,
  },
  {
    key: "energi-molndal",
    status: "answered_by_existing_data",
    title: "Energianvändning i Mölndals kommunala fastigheter",
    body: "Energianvändning per kommunal byggnad i Mölndal, helst per månad.",
    purpose: "Forskningsprojekt om energieffektivisering i offentliga lokaler.",
    by: "chalmers",
    shownAs: "name",
    targets: ["1481"],
    format: "CSV",
    datasetUri: uri.molndalEnergi,
    age: 28,
    support: 0,
  },
  {
    key: "skolmat-skovde",
    status: "answered_by_existing_data",
    title: "Skolmatsedel i Skövde som öppna data",
    body: "Veckans skolmat i Skövdes skolor i ett maskinläsbart format.",
    purpose: "Jag vill visa dagens lunch på en skärm i hallen hemma.",
    by: "nils",
    shownAs: "anonymous",
    targets: ["1496"],
    datasetUri: uri.skovdeSkolmat,
    age: 18,
    support: 0,
  },

  // Duplicates: merged into their original, their votes and followers moved there.
  {
    key: "detaljplaner-dubblett",
    status: "duplicate",
    title: "Detaljplaner i GeoJSON-format för kommunerna i Göteborgsregionen",
    body: "Vi behöver gällande detaljplaner som öppna geodata för att hitta platser för nya laddstationer, med planbestämmelser för parkering.",
    purpose: "Snabbare lokalisering av laddinfrastruktur.",
    by: "laddinfra",
    shownAs: "organisation",
    targets: GR,
    format: "GeoJSON",
    age: 100,
    steps: [2],
    duplicateOf: "detaljplaner",
    reason: "Samma fråga finns redan; stöd den i stället.",
    support: 9,
    comments: [
      {
        by: "coordinator",
        after: 2,
        body: "Samma fråga är redan skickad till kommunerna som {original}. Rösterna och följarna har flyttats dit.",
      },
    ],
  },
  {
    key: "forskola-dubblett",
    status: "duplicate",
    title: "Förskoleplatser och köer per kommun",
    body: "Hur många förskoleplatser finns det, och hur lång är kön, i Göteborg, Mölndal och Partille?",
    purpose: "Vi funderar på att flytta och vill veta var det är lättast att få förskoleplats.",
    by: "nils",
    shownAs: "name",
    targets: ["1480", "1481", "1402"],
    age: 60,
    steps: [1],
    duplicateOf: "forskoleplatser",
    support: 3,
  },

  // Rejected, with the coordinator's reason.
  {
    key: "parkeringstillstand",
    status: "rejected",
    title: "Namn och adresser på alla med parkeringstillstånd för rörelsehindrade",
    body: "Jag vill ha en lista över alla som har parkeringstillstånd för rörelsehindrade i Göteborg, med namn och adress.",
    purpose: "Kontrollera att tillstånden används rätt.",
    by: "ahmed",
    shownAs: "anonymous",
    targets: ["1480"],
    age: 75,
    steps: [2],
    reason:
      "Uppgifterna är personuppgifter som omfattas av sekretess och kan inte publiceras som öppna data. Antal tillstånd per kommun och år kan efterfrågas i en ny förfrågan.",
    support: 0,
  },
  {
    key: "mejl-ordforande",
    status: "rejected",
    title: "Alla e-postmeddelanden till och från kommunstyrelsens ordförande 2024",
    body: "Jag begär ut samtliga e-postmeddelanden till och från kommunstyrelsens ordförande i Borås under 2024.",
    purpose: "Granskning.",
    by: "nils",
    shownAs: "anonymous",
    targets: ["1490"],
    age: 40,
    steps: [1],
    reason:
      "Det här är en begäran om allmänna handlingar; den ska ställas till Borås stads registratur, som prövar den enligt tryckfrihetsförordningen. Portalen gäller data som kan publiceras som öppna data.",
    support: 0,
  },

  // Withdrawn by the requester.
  {
    key: "snorojning-tjorn",
    status: "withdrawn",
    title: "Snöröjningsrutter i realtid på Tjörn",
    body: "Var plogbilarna befinner sig just nu, och vilka vägar som är plogade.",
    purpose: "Vinterfunktion i vår cykelapp.",
    by: "cykelappen",
    shownAs: "organisation",
    targets: ["1419"],
    format: "API",
    frequency: "Realtid",
    age: 22,
    steps: [2],
    reason: "Vi hittade det vi behövde i Trafikverkets öppna API för vinterväglag.",
    support: 1,
  },
];

export const answerTexts = [
  "Uppgifterna är sammanställda ur vårt verksamhetssystem och bifogas som CSV. Hör av er om något saknas.",
  "Se bifogad fil. Vi kommer att publicera uppgifterna i vår öppna datakatalog och uppdatera dem en gång per år.",
  "Uppgifterna för hela perioden finns i bifogad tabell. Observera att 2023 års siffror är preliminära.",
  "Bifogat svar från förvaltningen, med en kort beskrivning av hur uppgifterna har tagits fram.",
];
