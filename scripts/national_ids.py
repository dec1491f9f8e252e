"""Valid Kazakh IINs for load scripts (the rehearsal, the drill): unique per number, the check digit
as the law sets it."""


def iin(n):
    """A valid IIN (born 19yy, male) for the first number after n; returns (iin, that number)."""
    while True:
        n += 1
        year, month, day, serial = 40 + (n // 3360000) % 60, (n // 28) % 12 + 1, n % 28 + 1, (n // 336) % 10000
        text = f"{year:02d}{month:02d}{day:02d}3{serial:04d}"
        digits = [int(c) for c in text]
        check = sum(d * w for d, w in zip(digits, range(1, 12))) % 11
        if check == 10:
            check = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
        if check < 10:
            return text + str(check), n
