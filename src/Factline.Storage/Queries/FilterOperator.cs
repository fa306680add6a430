namespace Factline.Storage.Queries;

/// <summary>Equals matches any of its values (OR); the range operators take exactly one value.</summary>
public enum FilterOperator
{
    Equals,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}
