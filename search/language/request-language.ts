import { fold } from "./text";

/**
 * How requesters write: the words around what they ask for. A request is a paragraph ("Vi är ett
 * konsultföretag som behöver …"), and only some of its words name data. Lists are in folded form
 * (no diacritics, lower case) and hold the inflected forms requesters use.
 */

function words(text: string): Set<string> {
  return new Set(text.split(/\s+/).filter(Boolean).map(fold));
}

/** PostgreSQL's Swedish stop words plus English ones and everyday function words. */
export const STOP_WORDS = words(`
  och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
  henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp
  vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
  detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan
  vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt
  våra ert era vilkas
  ska skall kommer kommit finns finnas fanns få får fått gör göra gjort görs gjorde också även bara redan
  ännu hos per via många flera olika vissa samtliga egen eget egna annan annat andra ny nytt nya både samt
  t ex bl a etc osv dock därför eftersom enligt exempel exempelvis gärna tack hej hallå mvh vänliga
  hälsningar hälsning gäller angående gällande avseende kring finnes står stå går gå ligger kanske ungefär
  cirka ca just helst även fler flest mest mer mera hela helt lite någonstans annars sen genom hur
  först sist ofta alltid aldrig snart igen tillsammans ihop exakt faktiskt verkligen särskilt speciellt
  främst endast enbart dessutom därtill framför bakom bredvid runt omkring långt halva del delar
  man folk människor personer person någonting ingenting allting vilken vilket vart varifrån vems
  måste bör borde brukar verkar tycker tror anser menar säga säger sa se ser titta tittar hör ger ge
  tar blir bli kom komma går gick gått står ligger låg legat funnits varit fick sig själva
  idag nuförtiden numera tidigare senare just nu därmed därav således alltså typ bra dålig
  liten litet lilla små stor stort stora större störst största gammal gammalt gamla äldre god gott goda
  bättre bäst bästa viktig viktigt viktiga möjlig möjliga lång långa kort korta hög högt höga låg lågt
  låga enkel enkelt enkla svår svårt svåra lätt lätta snabb snabbt snabba tydlig tydligt tydliga fri fritt
  fria färsk hel helt hela rätt fel samma sådan sådana vanlig vanligt vanliga vissa flesta
  ganska väldigt mycket jättemycket riktigt absolut fortfarande tyvärr ibland emellanåt oftast förhand
  vänligen vänlig hälsar tacksam tacksamma tacksamt hjärtligt ber undrar
  kan kunde kunnat vill ville velat ska skulle måste får fick fått vet visste vetat tänker tänkte
  ha har hade haft vara är var varit bli blir blev blivit göra gör gjorde gjort gå går gick gått
  komma kommer kom kommit se ser såg sett ta tar tog tagit ge ger gav gett säga säger sade sagt
  börja börjar började sluta slutar fortsätta fortsätter försöka försöker försökte hålla håller
  finna finner hittills gällde ordna ordnar samla samlar samlat sammanställa sammanställer
  vår våra vårt eran ens dom dem dess deras någon något några ingen inget inga alla allt
  ja nej okej ok också dessutom bland annat annars istället därefter sedan innan medan tills under
  the a an of in on at to and or with by from for about into is are was were be been being there here
  which what where when who whom how many much any some all each every do does did have has had our we
  i my me you your this that these those it its as if than then so not no can could would should will
  please like also just only
`);

/**
 * What requesters say about themselves and their errand. Dropped: a company that "utvecklar en
 * app" asks for nothing about apps, and an agency planning "en enkät" asks for what the survey
 * is about.
 */
const ERRAND_WORDS = words(`
  behöver behövs behövde behov behovet behöva vill ville önskar önskas önskemål önskan söker sökte sökes
  letar leta letade hitta hittar hittade undrar undra undrade fråga frågar frågade veta vet visste känna
  visa visar tillgång tillgängliggöra tillgängliggör publicera publicerar publicerad publicerade
  publiceras dela delar delat hämta hämtar tas tar ta fram använda använder används använt använde
  jobbar arbetar utvecklar utveckla utvecklat utvecklingen bygger bygga byggt skapa skapar planerar
  planera planerat skicka skickar skickat genomföra genomför studerar studera forskar forska jämföra
  jämför jämförelse analysera analyserar analys kartlägga kartlägger kartläggning undersöka undersöker
  undersökning följa följer intresserad intresserade intresse hjälp hjälpa möjligt möjlighet möjligheten
  kunna skulle
  app appen appar applikation applikationen tjänst tjänsten tjänster webbtjänst hemsida webbplats sajt
  plattform verktyg projekt projektet företag företaget bolag bolaget konsult konsulter konsultföretag
  byrå forskare forskning forskningsprojekt student studenter doktorand uppsats examensarbete studie
  rapport utredning enkät enkäten enkäter enkätundersökning kund kunder användare journalist
  länsstyrelsen länsstyrelse myndighet myndigheten myndigheter kommun kommunen kommunens kommuner
  kommunerna kommunernas kommunal kommunala stad staden stadens städer region regionen regionens län
  länet sverige svenska svensk
  barnfamiljer barnfamilj familjer familj turister turist besökare medborgare medborgarna allmänheten
  användarna kunderna målgrupp målgruppen privatperson privatpersoner näringsliv näringslivet
  organisation organisationen verksamhet verksamheten arbete arbetet uppdrag
  uppdraget syfte syftet ändamål kartlägga tjänsten lösning lösningar tillämpning digital digitala
  need needs want wants looking look find search searching know publish publishes published provide
  provides information data dataset datasets open municipality municipalities municipal city town
  towns cities region county sweden swedish app service company research researcher project
`);

/**
 * Words that name data in general rather than a kind of data: kept, but weigh little, so "statistik
 * över vildsvin" is about wild boar and not about statistics.
 */
const GENERIC_WORDS = words(`
  data datamängd datamängder datamängden dataset öppna öppen öppet uppgifter uppgift information info
  statistik statistiken siffror antal antalet mängd lista listan listor förteckning förteckningen
  register registret karta kartan kartor geodata koordinater position positioner fakta tabell tabeller
  fil filer excel csv json api format nivå typ sorts slags underlag
  år året årets månad månader vecka veckor dag dagar idag igår sommar sommaren vinter vintern höst hösten
  senaste aktuell aktuella nuvarande historisk historiska
  list lists statistics number numbers map maps table file
  salu ledig lediga ledigt gratis kostnadsfri kostnadsfria kostnadsfritt offentlig offentliga offentligt
  allmän allmänna allmänt publik publika kommunägd kommunägda närmaste nära stor stora små liten
`);

/** Words that name the whole region: a request for "kommunerna i Västra Götaland" names no one. */
export const REGION_PHRASES: string[][] = [
  ["vastra", "gotaland"],
  ["vastra", "gotalands"],
  ["vastra", "gotalandsregionen"],
  ["vastra", "gotalandsregionens"],
  ["vastra", "gotalands", "lan"],
  ["vastsverige"],
  ["vastsveriges"],
  ["vgr"],
  ["hela", "regionen"],
  ["alla", "kommuner"],
  ["alla", "kommunerna"],
  ["samtliga", "kommuner"],
  ["kommunerna"],
  ["lanet"],
  ["all", "municipalities"],
  ["western", "sweden"],
];

export type WordRole = "stop" | "errand" | "generic" | "content";

export function roleOf(folded: string): WordRole {
  if (STOP_WORDS.has(folded)) return "stop";
  if (ERRAND_WORDS.has(folded)) return "errand";
  if (GENERIC_WORDS.has(folded)) return "generic";
  if (/^\d+$/.test(folded)) return "generic";
  return "content";
}
