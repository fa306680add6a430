using Spectre.Console;
using Spectre.Console.Rendering;

namespace Factline.Cli.Commands;

/// <summary>A progress column that shows a number the caller keeps in the task's state (a rate, an ETA) as text.</summary>
internal sealed class TaskStateColumn(string key, Func<double, string> format) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(format(task.State.Get<double>(key)));
}
