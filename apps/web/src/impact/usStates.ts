// Which US state an organization's region names, so the impact map can place it.
// Regions are free text in the template ("Harbor County, OH", "Ohio", "US-OH"): a region
// is placed when it, or one of its parts separated by commas, dashes or brackets, is a
// state's postal code, its name or its ISO 3166-2 code. Anything else ("Northbridge",
// a country) stays off the map and is listed in the table beside it.

export interface UsState {
  /** FIPS code, as the boundary file (us-atlas) keys its states. */
  fips: string;
  /** USPS postal code. */
  code: string;
  name: string;
}

export const US_STATES: readonly UsState[] = (
  [
    ['01', 'AL', 'Alabama'],
    ['02', 'AK', 'Alaska'],
    ['04', 'AZ', 'Arizona'],
    ['05', 'AR', 'Arkansas'],
    ['06', 'CA', 'California'],
    ['08', 'CO', 'Colorado'],
    ['09', 'CT', 'Connecticut'],
    ['10', 'DE', 'Delaware'],
    ['11', 'DC', 'District of Columbia'],
    ['12', 'FL', 'Florida'],
    ['13', 'GA', 'Georgia'],
    ['15', 'HI', 'Hawaii'],
    ['16', 'ID', 'Idaho'],
    ['17', 'IL', 'Illinois'],
    ['18', 'IN', 'Indiana'],
    ['19', 'IA', 'Iowa'],
    ['20', 'KS', 'Kansas'],
    ['21', 'KY', 'Kentucky'],
    ['22', 'LA', 'Louisiana'],
    ['23', 'ME', 'Maine'],
    ['24', 'MD', 'Maryland'],
    ['25', 'MA', 'Massachusetts'],
    ['26', 'MI', 'Michigan'],
    ['27', 'MN', 'Minnesota'],
    ['28', 'MS', 'Mississippi'],
    ['29', 'MO', 'Missouri'],
    ['30', 'MT', 'Montana'],
    ['31', 'NE', 'Nebraska'],
    ['32', 'NV', 'Nevada'],
    ['33', 'NH', 'New Hampshire'],
    ['34', 'NJ', 'New Jersey'],
    ['35', 'NM', 'New Mexico'],
    ['36', 'NY', 'New York'],
    ['37', 'NC', 'North Carolina'],
    ['38', 'ND', 'North Dakota'],
    ['39', 'OH', 'Ohio'],
    ['40', 'OK', 'Oklahoma'],
    ['41', 'OR', 'Oregon'],
    ['42', 'PA', 'Pennsylvania'],
    ['44', 'RI', 'Rhode Island'],
    ['45', 'SC', 'South Carolina'],
    ['46', 'SD', 'South Dakota'],
    ['47', 'TN', 'Tennessee'],
    ['48', 'TX', 'Texas'],
    ['49', 'UT', 'Utah'],
    ['50', 'VT', 'Vermont'],
    ['51', 'VA', 'Virginia'],
    ['53', 'WA', 'Washington'],
    ['54', 'WV', 'West Virginia'],
    ['55', 'WI', 'Wisconsin'],
    ['56', 'WY', 'Wyoming'],
  ] as const
).map(([fips, code, name]) => ({ fips, code, name }));

const BY_TEXT = new Map<string, UsState>();
for (const s of US_STATES) {
  BY_TEXT.set(s.code.toLowerCase(), s);
  BY_TEXT.set(`us-${s.code.toLowerCase()}`, s);
  BY_TEXT.set(s.name.toLowerCase(), s);
}
// "Washington, DC" must be DC, not the state of Washington: the last part wins below
BY_TEXT.set('washington dc', BY_TEXT.get('dc')!);
BY_TEXT.set('washington d.c.', BY_TEXT.get('dc')!);

const normal = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The state a region names, or null. Parts are tried from the last (the widest, "County, ST"). */
export function stateOfRegion(region: string | null | undefined): UsState | null {
  if (!region) return null;
  const whole = BY_TEXT.get(normal(region));
  if (whole) return whole;
  const parts = region
    .split(/,|\s[-–—]\s|[()/]/)
    .map(normal)
    .filter((p) => p.length > 0);
  for (let i = parts.length - 1; i >= 0; i--) {
    const s = BY_TEXT.get(parts[i]!);
    if (s) return s;
  }
  return null;
}
