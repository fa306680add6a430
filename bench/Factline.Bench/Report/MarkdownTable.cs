using System.Text;

namespace Factline.Bench.Report;

/// <summary>A Markdown table built row by row.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Row(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"The table has {headers.Length} columns; the row has {cells.Length}.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(StringBuilder page)
    {
        page.AppendLine($"| {string.Join(" | ", headers)} |");
        page.AppendLine($"|{string.Join("|", headers.Select(_ => "---"))}|");
        foreach (var row in _rows)
            page.AppendLine($"| {string.Join(" | ", row.Select(c => c.Replace("|", "\\|")))} |");
        page.AppendLine();
    }
}
