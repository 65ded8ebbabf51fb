/**
 * What a client address is counted as by the sign-in and sign-up limits. An IPv4 address is
 * one client. An IPv6 address is not: whoever has one usually has a whole /64 (a home or a
 * cloud server gets 2^64 addresses), so counting each /128 would let one client rotate through
 * fresh addresses without end. IPv6 clients are therefore counted by their /64 prefix; an
 * IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 address it maps.
 *
 * Pure string work (no Node imports in the domain): "::" is expanded here.
 */
export function clientKeyOf(address: string): string {
  if (ipv4Octets(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address; // not an address we can read: counted as itself
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const GROUP = /^[0-9a-fA-F]{1,4}$/;

function ipv4Octets(address: string): number[] | null {
  const match = IPV4.exec(address);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address ("::" expanded, an IPv4 tail converted). */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  const zone = text.indexOf("%"); // fe80::1%eth0: the zone names an interface, not the address
  if (zone >= 0) text = text.slice(0, zone);
  let ipv4Tail: number[] | null = null;
  const lastColon = text.lastIndexOf(":");
  if (lastColon >= 0 && text.slice(lastColon + 1).includes(".")) {
    const octets = ipv4Octets(text.slice(lastColon + 1));
    if (!octets) return null;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    ipv4Tail = [(a << 8) | b, (c << 8) | d];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): string[] => (part ? part.split(":") : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  if (![...head, ...tail].every((g) => GROUP.test(g))) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail].map((g) =>
    parseInt(g, 16),
  );
  if (ipv4Tail) groups.splice(6, 2, ...ipv4Tail);
  return groups;
}
