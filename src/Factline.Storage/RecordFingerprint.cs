namespace Factline.Storage;

/// <summary>
/// One record of a partition's log, told apart from any other record: its offset and a hash of its key, value and
/// broker timestamp. Kept with a bookmark, it lets the next reader check that the log at that offset still holds the
/// record read there, which no offset comparison can tell once a replaced log has grown past the bookmark.
/// </summary>
public readonly record struct RecordFingerprint(long Offset, long Hash);
