using Dashboard.Web.Logs;

namespace Dashboard.Web.Tests.Logs;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void Cell_StartingLikeAFormula_GetsALeadingApostrophe(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("1=1", "1=1")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_SeparatorsQuotesAndLineBreaks_AreQuotedPerRfc4180(string? value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public async Task WriteRow_SeveralCells_SeparatedByCommasEndingWithCrLf()
    {
        var output = new StringWriter();
        var csv = new CsvWriter(output);

        await csv.WriteRowAsync(["a", null, "=cmd|' /C calc'!A0", "x,y"], TestContext.Current.CancellationToken);
        await csv.WriteRowAsync(["second"], TestContext.Current.CancellationToken);

        Assert.Equal("a,,'=cmd|' /C calc'!A0,\"x,y\"\r\nsecond\r\n", output.ToString());
    }
}
