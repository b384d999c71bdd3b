import { expect, test } from "vitest";
import { PerlExpression, readPerlAssignments } from "../../src/config/perl-literal";

const one = (source: string) => {
  const all = readPerlAssignments(source);
  expect(all).toHaveLength(1);
  return all[0]!;
};

test("hashes, arrays, both quotes, numbers, undef, => and trailing commas", () => {
  const a = one(
    `$Self->{'X'} = { a => 'x\\'y', "b" => "t\\"ab\\n", c => [1, 2.5, -3,], d => undef, 'e' => {}, };`,
  );
  expect(a.path).toEqual(["X"]);
  expect(a.value).toEqual({ a: "x'y", b: 't"ab\n', c: [1, 2.5, -3], d: null, e: {} });
});

test("comments and POD are skipped, also when they contain assignments; # inside strings is kept", () => {
  const all = readPerlAssignments(`
# $Self->{Commented} = 1;
=pod

$Self->{InPod} = 1;

=cut
$Self->{Kept} = 'a # not a comment'; # trailing $Self->{Also} = 2;
`);
  expect(all.map((a) => [a.path, a.value])).toEqual([[["Kept"], "a # not a comment"]]);
});

test("qw(), q(), qq(), Translatable(), concatenation and arithmetic", () => {
  expect(one(`$Self->{L} = [ qw(first_name last_name email) ];`).value).toEqual([
    "first_name",
    "last_name",
    "email",
  ]);
  expect(one(`$Self->{Q} = [ q{it's}, qq(a\\tb), Translatable('Room') ];`).value).toEqual([
    "it's",
    "a\tb",
    "Room",
  ]);
  expect(one(`$Self->{C} = 'ab' . "cd" . 1;`).value).toBe("abcd1");
  expect(one(`$Self->{T} = 60 * 60 * 24 + 10 - 4 / 2;`).value).toBe(86408);
});

test("nested targets: $Self->{A}->{B}{'C'} = …", () => {
  expect(one(`$Self->{CustomerUser}->{Params}{'Table'} = 'people';`).path).toEqual([
    "CustomerUser",
    "Params",
    "Table",
  ]);
});

test("code it cannot read is kept as an expression with its text; the rest of the file still reads", () => {
  const all = readPerlAssignments(`
my $Host = $ENV{HOST} || 'x';
$Self->{A} = { Host => $Host, Raw => qr/(?i:^jpegPhoto|;binary)/, Ok => 1, Call => lc('X') };
$Self->{B} = "interpolated $Host";
$Self->{C} = 'fine';
`);
  const a = all[0]!.value as Record<string, unknown>;
  expect(a.Ok).toBe(1);
  expect(a.Host).toBeInstanceOf(PerlExpression);
  expect((a.Host as PerlExpression).text).toBe("$Host");
  expect((a.Raw as PerlExpression).text).toBe("qr/(?i:^jpegPhoto|;binary)/");
  expect((a.Call as PerlExpression).text).toBe("lc('X')");
  expect(all[1]!.value).toBeInstanceOf(PerlExpression);
  expect(all[2]).toMatchObject({ path: ["C"], value: "fine", line: 5 });
});

test("broken input never throws or hangs", () => {
  for (const source of [
    `$Self->{A} = { a => ] };`,
    `$Self->{A} = [ 1, 2`,
    `$Self->{A} = 'unterminated`,
    `$Self->{A} = ;`,
    `$Self->{} = 1; $Self->{B} = 2;`,
    `}}}]]] $Self->{C} = (1, 2);`,
  ]) {
    expect(() => readPerlAssignments(source)).not.toThrow();
  }
  expect(readPerlAssignments(`}}}]]] $Self->{C} = (1, 2);`)[0]?.value).toEqual([1, 2]);
});
