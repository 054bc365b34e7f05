/**
 * Words requesters and publishers use for the same kind of data, Swedish and English, shared by
 * both engines (the built-in engine expands requests with them; Meilisearch gets them as its
 * `synonyms` setting). One group per kind of data, after the kinds municipalities publish
 * (Nationella dataverkstaden's "Topp-100" list and what Dataportal Väst holds).
 *
 * Closely related kinds are deliberately separate groups: recycling stations, recycling centres
 * and waste collection; bathing water, lakes and drinking water; school registers and school
 * results; municipal properties and their energy use. Put a word in a group only when a
 * requester using it would accept every dataset of the group. English entries are stemmed as
 * English; leave out those whose stems mean something else ("parking spaces" stems to "park
 * space", as "Parks and green spaces" does).
 */
export interface SynonymGroup {
  sv: readonly string[];
  en: readonly string[];
}

export const SYNONYM_GROUPS: readonly SynonymGroup[] = [
  {
    sv: [
      "laddplatser",
      "laddplats",
      "laddstationer",
      "laddstation",
      "laddstolpar",
      "laddstolpe",
      "laddpunkter",
      "laddinfrastruktur",
      "elbilsladdning",
      "laddning av elbilar",
    ],
    en: ["charging stations", "charging points", "ev charging"],
  },
  {
    sv: ["badplatser", "badplats", "strandbad", "badställen", "badstränder"],
    en: ["bathing sites", "bathing places", "beaches", "swimming spots"],
  },
  { sv: ["badvattenkvalitet", "badvatten", "badvattenprover", "badvattenkontroll"], en: ["bathing water quality", "bathing water"] },
  {
    sv: [
      "sophämtning",
      "soptömning",
      "sophämtningsschema",
      "avfallshämtning",
      "hämtningsschema",
      "tömningsschema",
      "tömningsdagar",
      "avfallsschema",
      "sopschema",
      "sopor",
      "sopkärl",
      "soptunnor",
    ],
    en: ["waste collection", "garbage collection", "bin collection"],
  },
  { sv: ["återvinningsstationer", "återvinningsstation", "åvs", "förpackningsinsamling"], en: ["recycling stations"] },
  {
    sv: ["återvinningscentraler", "återvinningscentral", "åvc", "kretsloppspark", "soptipp", "tippen"],
    en: ["recycling centres", "recycling centers"],
  },
  {
    sv: ["cykelvägar", "cykelväg", "cykelbanor", "cykelbana", "cykelleder", "cykelnät", "cykelstråk", "gång- och cykelvägar"],
    en: ["cycle paths", "cycle lanes", "bike lanes", "bicycle paths"],
  },
  { sv: ["offentliga toaletter", "allmänna toaletter", "toaletter", "toalett", "wc"], en: ["public toilets", "toilets", "restrooms"] },
  {
    sv: ["lediga tomter", "tomter", "villatomter", "småhustomter", "byggtomter", "tomter till salu"],
    en: ["building plots", "plots for sale"],
  },
  { sv: ["motionsspår", "elljusspår", "löpspår", "joggingspår"], en: ["jogging tracks", "running tracks", "running trails"] },
  { sv: ["utegym", "utomhusgym"], en: ["outdoor gym", "outdoor gyms"] },
  { sv: ["lekplatser", "lekplats", "lekparker", "lekpark"], en: ["playgrounds", "playground", "play areas"] },
  { sv: ["luftkvalitet", "luftföroreningar", "luftmätningar", "luftkvalitetsmätningar"], en: ["air quality", "air pollution"] },
  {
    sv: ["trafikflöden", "trafikmätningar", "trafikmätning", "fordonsflöden", "trafikräkningar", "fordonsräkningar", "trafikräkning"],
    en: ["traffic counts", "traffic flows", "traffic measurements"],
  },
  { sv: ["skolresultat", "meritvärden", "meritvärde", "kunskapsresultat", "slutbetyg", "betyg"], en: ["school results", "grades"] },
  { sv: ["nämndprotokoll", "sammanträdesprotokoll", "protokoll", "mötesprotokoll"], en: ["meeting minutes"] },
  { sv: ["evenemang", "evenemangskalender", "evenemangskalendern"], en: ["events", "event calendar"] },
  {
    sv: ["leverantörsreskontra", "leverantörsfakturor", "leverantörsbetalningar", "utbetalningar till leverantörer"],
    en: ["supplier payments", "supplier invoices"],
  },
  { sv: ["hundrastgårdar", "hundrastgård", "hundgårdar", "hundparker", "hundrastplatser"], en: ["dog parks"] },
  {
    sv: ["livsmedelskontroller", "livsmedelskontroll", "livsmedelsinspektioner", "restauranginspektioner", "hygienkontroller"],
    en: ["food inspections", "food safety inspections"],
  },
  { sv: ["energiförbrukning", "energianvändning", "energistatistik"], en: ["energy consumption", "energy use"] },
  { sv: ["förskolor", "förskola", "förskoleenheter", "dagis", "daghem"], en: ["preschools", "preschool", "kindergartens"] },
  { sv: ["grundskolor", "grundskola"], en: ["primary schools", "compulsory schools"] },
  { sv: ["gymnasieskolor", "gymnasieskola", "gymnasium", "gymnasier"], en: ["upper secondary schools", "high schools"] },
  { sv: ["detaljplaner", "detaljplan"], en: ["zoning plans", "detailed development plans"] },
  { sv: ["bygglov", "bygglovsbeslut"], en: ["building permits"] },
  { sv: ["parkeringsplatser", "parkering", "parkeringar", "p-platser"], en: [] },
  { sv: ["busshållplatser", "hållplatser", "kollektivtrafikhållplatser"], en: ["bus stops", "public transport stops"] },
  { sv: ["vård- och omsorgsboenden", "äldreboenden", "äldreboende", "särskilt boende"], en: ["nursing homes", "care homes"] },
  { sv: ["befolkning", "befolkningsstatistik", "folkmängd", "invånarantal"], en: ["population"] },
  { sv: ["föreningar", "föreningsregister", "föreningsliv"], en: ["associations", "clubs"] },
  { sv: ["bibliotek", "folkbibliotek"], en: ["libraries", "public libraries"] },
  { sv: ["naturreservat", "skyddad natur"], en: ["nature reserves"] },
  { sv: ["vandringsleder", "vandringsled", "leder och stigar"], en: ["hiking trails", "walking trails"] },
  { sv: ["snöröjning", "vinterväghållning", "plogning", "halkbekämpning"], en: ["snow clearance", "winter road maintenance"] },
  { sv: ["trafikolyckor", "olyckor i trafiken"], en: ["traffic accidents", "road accidents"] },
  { sv: ["postlista", "diarium", "diarieförda handlingar"], en: ["registry"] },
  { sv: ["budget", "budgeten", "driftbudget", "investeringsbudget"], en: ["budgets"] },
  { sv: ["årsredovisning", "årsredovisningar", "bokslut"], en: ["annual report", "annual reports"] },
  { sv: ["adresser", "adressregister", "belägenhetsadresser"], en: ["addresses"] },
  { sv: ["valdistrikt", "vallokaler"], en: ["electoral districts", "polling stations"] },
  { sv: ["ekonomiskt bistånd", "försörjningsstöd", "socialbidrag"], en: ["financial assistance", "social assistance"] },
  { sv: ["sevärdheter", "besöksmål", "turistattraktioner"], en: ["attractions", "sights"] },
  { sv: ["skolmat", "matsedel", "skollunch"], en: ["school meals", "school menus"] },
  { sv: ["radon", "radonhalter", "radonmätningar"], en: ["radon", "radon levels"] },
  { sv: ["grillplatser", "grillplats"], en: ["barbecue areas"] },
  { sv: ["felanmälningar", "felanmälan"], en: ["fault reports"] },
  { sv: ["kommunala fastigheter", "fastighetsbestånd"], en: ["municipal properties", "municipal buildings"] },
  { sv: ["dricksvatten", "dricksvattenkvalitet"], en: ["drinking water"] },
  { sv: ["trädregister", "trädinventering", "träd"], en: ["trees"] },
  { sv: ["offentlig konst", "konstverk"], en: ["public art"] },
  { sv: ["idrottsanläggningar", "idrottshallar", "sporthallar"], en: ["sports facilities"] },
  { sv: ["badhus", "simhallar", "simhall"], en: ["swimming pools"] },
  { sv: ["wifi", "trådlöst nätverk", "publikt wifi", "public wifi"], en: ["wifi"] },
];
