namespace NewsBot.Qdrant.Tests.OpenApi;

public sealed class StringFormatsTests
{
    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", true)]
    [InlineData("550E8400-E29B-41D4-A716-446655440000", true)]
    [InlineData("550e8400e29b41d4a716446655440000", false)]
    [InlineData("550e8400-e29b-41d4-a716-44665544000g", false)]
    [InlineData("550e8400-e29b-41d4-a716-4466554400000", false)]
    [InlineData("abc", false)]
    public void Uuids_are_hyphenated_hex(string text, bool valid) => Assert.Equal(valid, StringFormats.IsUuid(text));

    [Theory]
    [InlineData("2025-01-01T00:00:00Z", true)]
    [InlineData("2025-12-31T23:59:59.999+01:00", true)]
    [InlineData("2024-02-29t12:00:00-05:30", true)]
    [InlineData("2016-12-31T23:59:60Z", true)]
    [InlineData("2025-02-29T00:00:00Z", false)]   // not a leap year
    [InlineData("2025-01-01T00:00:00", false)]    // RFC 3339 requires the offset
    [InlineData("2025-01-01", false)]
    [InlineData("2025-01-01T24:00:00Z", false)]
    [InlineData("2025-01-01T00:00Z", false)]
    [InlineData("2025-01-01T00:00:00.Z", false)]
    [InlineData("2025-01-01T00:00:00+0100", false)]
    public void Date_times_follow_rfc_3339(string text, bool valid) => Assert.Equal(valid, StringFormats.IsRfc3339DateTime(text));

    [Theory]
    [InlineData("2025-01-01", true)]
    [InlineData("2025-01-01T00:00:00", true)]
    [InlineData("2025-01-01T00:00:00Z", true)]
    [InlineData("2025-01-01 08:30", true)]
    [InlineData("2025-01-01T08:30:00.123456+0100", true)]
    [InlineData("2025-01-01T08:30:00+01", true)]
    [InlineData("2025-1-1", false)]
    [InlineData("2025-01-32", false)]
    [InlineData("2025-01-01T", false)]
    [InlineData("2025-01-01T25:00", false)]
    [InlineData("January 1, 2025", false)]
    public void Partial_date_times_are_read_as_leniently_as_qdrant_does(string text, bool valid) =>
        Assert.Equal(valid, StringFormats.IsPartialDateTime(text));
}
