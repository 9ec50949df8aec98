using Dashboard.Web.Hub;

namespace Dashboard.Web.Tests.Devices;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_KeepsThemInOneField()
    {
        var records = CsvRecordReader.Read("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\n\nlast").ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b, c", "say \"hi\""], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["two\nlines", "x"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["last"], records[2].Fields);
        Assert.Equal(5, records[2].Line);
    }

    [Fact]
    public void Read_EmptyTrailingFields_AreKept()
    {
        var record = Assert.Single(CsvRecordReader.Read("a,,\n"));

        Assert.Equal(["a", "", ""], record.Fields);
    }

    [Fact]
    public void Read_UnterminatedQuote_EndsWithAnErrorRecord()
    {
        var records = CsvRecordReader.Read("ok,1\n\"never closed,2\nmore").ToList();

        Assert.Equal(["ok", "1"], records[0].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.NotNull(records[1].Error);
    }
}
