namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>The string <c>format</c>s Qdrant's schemas use, checked without regular expressions or exceptions.</summary>
internal static class StringFormats
{
    /// <summary>The hyphenated 8-4-4-4-12 form Qdrant documents for point ids.</summary>
    public static bool IsUuid(string text)
    {
        if (text.Length != 36) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var isHyphenPosition = i is 8 or 13 or 18 or 23;
            if (isHyphenPosition ? text[i] != '-' : !char.IsAsciiHexDigit(text[i])) return false;
        }
        return true;
    }

    /// <summary>RFC 3339 <c>date-time</c>: <c>2025-01-01T00:00:00Z</c>, fraction optional, offset required.</summary>
    public static bool IsRfc3339DateTime(string text)
    {
        var cursor = new TextCursor(text);
        return ReadDate(ref cursor) && (cursor.Take('T') || cursor.Take('t'))
            && ReadTime(ref cursor, secondsRequired: true) && ReadStrictOffset(ref cursor) && cursor.AtEnd;
    }

    /// <summary>
    /// Qdrant's <c>partial-date-time</c>, which its server parses leniently: a date alone, or a date and time
    /// (seconds optional) with or without an offset, e.g. <c>2025-01-01</c>, <c>2025-01-01T00:00:00</c>.
    /// </summary>
    public static bool IsPartialDateTime(string text)
    {
        var cursor = new TextCursor(text);
        if (!ReadDate(ref cursor)) return false;
        if (cursor.AtEnd) return true;
        if (!(cursor.Take('T') || cursor.Take('t') || cursor.Take(' '))) return false;
        if (!ReadTime(ref cursor, secondsRequired: false)) return false;
        return cursor.AtEnd || (ReadLenientOffset(ref cursor) && cursor.AtEnd);
    }

    /// <summary>An absolute URI: a scheme (RFC 3986) followed by something <see cref="Uri"/> accepts.</summary>
    public static bool IsAbsoluteUri(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(text[0])) return false;
        foreach (var c in text.AsSpan(1, colon - 1))
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return false;
        return Uri.TryCreate(text, UriKind.Absolute, out _);
    }

    private static bool ReadDate(ref TextCursor cursor)
    {
        if (!cursor.Digits(4, out var year) || !cursor.Take('-') || !cursor.Digits(2, out var month) || !cursor.Take('-')
            || !cursor.Digits(2, out var day)) return false;
        return month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
    }

    private static bool ReadTime(ref TextCursor cursor, bool secondsRequired)
    {
        if (!cursor.Digits(2, out var hour) || !cursor.Take(':') || !cursor.Digits(2, out var minute)) return false;
        if (hour > 23 || minute > 59) return false;
        if (!cursor.Take(':')) return !secondsRequired;
        if (!cursor.Digits(2, out var second) || second > 60) return false;   // 60: a leap second
        if (cursor.Take('.') && cursor.SkipDigits() == 0) return false;
        return true;
    }

    private static bool ReadStrictOffset(ref TextCursor cursor)
    {
        if (cursor.Take('Z') || cursor.Take('z')) return true;
        if (!(cursor.Take('+') || cursor.Take('-'))) return false;
        return cursor.Digits(2, out var hours) && cursor.Take(':') && cursor.Digits(2, out var minutes) && hours <= 23 && minutes <= 59;
    }

    /// <summary>Also <c>+0100</c> and <c>+01</c>, which Qdrant's parser takes.</summary>
    private static bool ReadLenientOffset(ref TextCursor cursor)
    {
        if (cursor.Take('Z') || cursor.Take('z')) return true;
        if (!(cursor.Take('+') || cursor.Take('-'))) return false;
        if (!cursor.Digits(2, out var hours) || hours > 23) return false;
        if (cursor.AtEnd) return true;
        cursor.Take(':');
        return cursor.Digits(2, out var minutes) && minutes <= 59;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private ref struct TextCursor(string text)
    {
        private readonly ReadOnlySpan<char> rest = text;
        private int position;

        public readonly bool AtEnd => position == rest.Length;

        public bool Take(char expected)
        {
            if (position >= rest.Length || rest[position] != expected) return false;
            position++;
            return true;
        }

        public bool Digits(int count, out int value)
        {
            value = 0;
            if (position + count > rest.Length) return false;
            for (var i = 0; i < count; i++)
            {
                var c = rest[position + i];
                if (!char.IsAsciiDigit(c)) return false;
                value = value * 10 + (c - '0');
            }
            position += count;
            return true;
        }

        public int SkipDigits()
        {
            var start = position;
            while (position < rest.Length && char.IsAsciiDigit(rest[position])) position++;
            return position - start;
        }
    }
}
