/** Theme labels now come with the other EU vocabularies (licences, file types). */
export { themeLabel } from "./eu-vocabularies";
