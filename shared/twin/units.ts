/**
 * Unit names as Thing Descriptions write them → the symbol people read on a gauge or panel.
 *
 * WoT TDs leave `unit` free-form: plugfest TDs write "degree Celsius", "celsius", "om:degree_Celsius"
 * or QUDT's "qudt:DEG_C" for the same thing. The TD keeps its own text (the API returns it as written);
 * only what is shown goes through here. Unknown units are shown as written.
 */
const SYMBOLS: Readonly<Record<string, string>> = {
  degreecelsius: '°C',
  celsius: '°C',
  degc: '°C',
  degreefahrenheit: '°F',
  fahrenheit: '°F',
  degf: '°F',
  kelvin: 'K',
  percent: '%',
  percentage: '%',
  metre: 'm',
  meter: 'm',
  millimetre: 'mm',
  millimeter: 'mm',
  metrepersecond: 'm/s',
  meterpersecond: 'm/s',
  millimetrepersecond: 'mm/s',
  millimeterpersecond: 'mm/s',
  revolutionsperminute: 'rpm',
  revolutionperminute: 'rpm',
  revperminute: 'rpm',
  ampere: 'A',
  volt: 'V',
  watt: 'W',
  kilowatt: 'kW',
  hertz: 'Hz',
  bar: 'bar',
  pascal: 'Pa',
  kilopascal: 'kPa',
  second: 's',
  millisecond: 'ms',
  lux: 'lx',
  kilogram: 'kg',
  gram: 'g',
  degree: '°',
  degreeangle: '°',
};

/** The symbol to show for a TD `unit` ("degree Celsius" → "°C"); unknown units come back as given,
 * less any vocabulary prefix. */
export function unitSymbol(unit: string): string {
  // A vocabulary prefix ("om:", "qudt:", "unit:") says where the name comes from, not what it is.
  const bare = unit.trim().replace(/^[a-z][\w-]*:(?!\/)/i, '');
  return SYMBOLS[bare.toLowerCase().replace(/[\s_-]+/g, '')] ?? bare;
}
