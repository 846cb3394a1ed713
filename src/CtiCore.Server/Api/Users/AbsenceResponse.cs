using CtiCore.Domain.Crm;

namespace CtiCore.Server.Api.Users;

public sealed record AbsenceResponse(long Id, long UserId, DateTimeOffset From, DateTimeOffset To, long? SubstituteUserId, string? Reason)
{
    public static AbsenceResponse Of(Absence absence)
    {
        ArgumentNullException.ThrowIfNull(absence);
        return new(absence.Id, absence.UserId, absence.From, absence.To, absence.SubstituteUserId, absence.Reason);
    }
}
