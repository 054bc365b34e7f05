/**
 * English names of the municipalities, keyed by kommunkod, so a request written in English
 * ("bathing sites in Gothenburg", "Gothenburg Municipality") names the same place as one in Swedish.
 *
 * Source: English Wikipedia, "List of municipalities of Sweden" (column "Municipality", keyed by its
 * column "Code", the SCB kommunkod), read 2026-11-30; the Gothenburg row cross-checked against the
 * article "Gothenburg Municipality" (Municipal code 1480). Rows of Västra Götalands län only: the
 * organisations table holds those 49 (db/seed/data/vg-municipalities.csv). English uses the Swedish
 * name for every one of them except Göteborg; the recogniser strips " Municipality" and keeps the
 * name only where it differs, so adding another county's rows here is all it takes.
 * Text licensed CC BY-SA 4.0 (a list of names is facts; the source is named all the same).
 */
export const ENGLISH_MUNICIPALITY_NAMES: Readonly<Record<string, string>> = {
  "1401": "Härryda Municipality",
  "1402": "Partille Municipality",
  "1407": "Öckerö Municipality",
  "1415": "Stenungsund Municipality",
  "1419": "Tjörn Municipality",
  "1421": "Orust Municipality",
  "1427": "Sotenäs Municipality",
  "1430": "Munkedal Municipality",
  "1435": "Tanum Municipality",
  "1438": "Dals-Ed Municipality",
  "1439": "Färgelanda Municipality",
  "1440": "Ale Municipality",
  "1441": "Lerum Municipality",
  "1442": "Vårgårda Municipality",
  "1443": "Bollebygd Municipality",
  "1444": "Grästorp Municipality",
  "1445": "Essunga Municipality",
  "1446": "Karlsborg Municipality",
  "1447": "Gullspång Municipality",
  "1452": "Tranemo Municipality",
  "1460": "Bengtsfors Municipality",
  "1461": "Mellerud Municipality",
  "1462": "Lilla Edet Municipality",
  "1463": "Mark Municipality",
  "1465": "Svenljunga Municipality",
  "1466": "Herrljunga Municipality",
  "1470": "Vara Municipality",
  "1471": "Götene Municipality",
  "1472": "Tibro Municipality",
  "1473": "Töreboda Municipality",
  "1480": "Gothenburg Municipality",
  "1481": "Mölndal Municipality",
  "1482": "Kungälv Municipality",
  "1484": "Lysekil Municipality",
  "1485": "Uddevalla Municipality",
  "1486": "Strömstad Municipality",
  "1487": "Vänersborg Municipality",
  "1488": "Trollhättan Municipality",
  "1489": "Alingsås Municipality",
  "1490": "Borås Municipality",
  "1491": "Ulricehamn Municipality",
  "1492": "Åmål Municipality",
  "1493": "Mariestad Municipality",
  "1494": "Lidköping Municipality",
  "1495": "Skara Municipality",
  "1496": "Skövde Municipality",
  "1497": "Hjo Municipality",
  "1498": "Tidaholm Municipality",
  "1499": "Falköping Municipality",
};
