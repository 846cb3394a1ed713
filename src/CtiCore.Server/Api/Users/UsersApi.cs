using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Users;

/// <summary>User administration (Admin only): accounts, roles, departments, skills, endpoints, absences.</summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AuthPolicies.Admin);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapPut("/{id:long}/password", SetPasswordAsync);
        group.MapGet("/{id:long}/absences", ListAbsencesAsync);
        group.MapPost("/{id:long}/absences", AddAbsenceAsync);
        group.MapDelete("/{id:long}/absences/{absenceId:long}", DeleteAbsenceAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(long? departmentId, UserRole? role, int? page, int? pageSize, CrmDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var query = db.Users.AsNoTracking();
        if (departmentId is not null)
        {
            query = query.Where(u => u.DepartmentId == departmentId);
        }

        if (role is not null)
        {
            query = query.Where(u => u.Role == role);
        }

        var result = await query.OrderBy(u => u.Login)
            .Select(u => new UserResponse(u.Id, u.Login, u.DisplayName, u.Role, u.IsActive, u.DepartmentId, u.Skills, u.Endpoints, u.Extension))
            .ToPageAsync(paging, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetAsync(long id, CrmDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
        return user is null ? ApiProblems.NotFound($"User {id}") : TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<IResult> CreateAsync(UserRequest request, CrmDbContext db, IPasswordHasher<User> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        PasswordRules.Check("password", request.Password, errors);
        await ValidateAsync(request, null, db, errors, cancellationToken).ConfigureAwait(false);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var user = new User { Login = request.Login!.Trim(), DisplayName = request.DisplayName!.Trim(), PasswordHash = string.Empty, CreatedAt = time.GetUtcNow() };
        Apply(request, user);
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        return await SaveAsync(db, request, cancellationToken).ConfigureAwait(false)
            ?? TypedResults.Created($"/api/users/{user.Id}", UserResponse.From(user));
    }

    private static async Task<IResult> UpdateAsync(long id, UserRequest request, CrmDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return ApiProblems.NotFound($"User {id}");
        }

        var errors = new ValidationErrors();
        await ValidateAsync(request, id, db, errors, cancellationToken).ConfigureAwait(false);
        var staysActiveAdmin = (request.Role ?? UserRole.Agent) == UserRole.Admin && (request.IsActive ?? true);
        if (user.Role == UserRole.Admin && user.IsActive && !staysActiveAdmin
            && !await db.Users.AnyAsync(u => u.Id != id && u.Role == UserRole.Admin && u.IsActive, cancellationToken).ConfigureAwait(false))
        {
            // Otherwise nobody could manage users any more (the bootstrap only runs on an admin-less start).
            errors.Add("role", "the last active admin cannot be demoted or deactivated.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        user.Login = request.Login!.Trim();
        user.DisplayName = request.DisplayName!.Trim();
        Apply(request, user);
        return await SaveAsync(db, request, cancellationToken).ConfigureAwait(false) ?? TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<IResult> SetPasswordAsync(long id, SetPasswordRequest request, CrmDbContext db, IPasswordHasher<User> hasher, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        PasswordRules.Check("password", request.Password, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return ApiProblems.NotFound($"User {id}");
        }

        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListAbsencesAsync(long id, CrmDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"User {id}");
        }

        var absences = await db.Absences.AsNoTracking().Where(a => a.UserId == id).OrderBy(a => a.From)
            .Select(a => new AbsenceResponse(a.Id, a.UserId, a.From, a.To, a.SubstituteUserId, a.Reason))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(absences);
    }

    private static async Task<IResult> AddAbsenceAsync(long id, AbsenceRequest request, CrmDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return ApiProblems.NotFound($"User {id}");
        }

        var errors = new ValidationErrors();
        if (request.From is null)
        {
            errors.Add("from", "is required.");
        }

        if (request.To is null)
        {
            errors.Add("to", "is required.");
        }
        else if (request.From is not null && request.To <= request.From)
        {
            errors.Add("to", "must be after from.");
        }

        errors.MaxLength("reason", request.Reason, 200);
        if (request.SubstituteUserId is { } substitute
            && (substitute == id || !await db.Users.AnyAsync(u => u.Id == substitute && u.IsActive, cancellationToken).ConfigureAwait(false)))
        {
            errors.Add("substituteUserId", "must be another active user.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var absence = new Absence { UserId = id, From = request.From!.Value, To = request.To!.Value, SubstituteUserId = request.SubstituteUserId, Reason = request.Reason?.Trim() };
        db.Absences.Add(absence);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/users/{id}/absences/{absence.Id}", AbsenceResponse.Of(absence));
    }

    private static async Task<IResult> DeleteAbsenceAsync(long id, long absenceId, CrmDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.Absences.Where(a => a.Id == absenceId && a.UserId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? ApiProblems.NotFound($"Absence {absenceId} of user {id}") : TypedResults.NoContent();
    }

    private static async Task ValidateAsync(UserRequest request, long? id, CrmDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("login", request.Login);
        errors.MaxLength("login", request.Login, 100);
        errors.Required("displayName", request.DisplayName);
        errors.MaxLength("displayName", request.DisplayName, 200);
        errors.MaxLength("extension", request.Extension, 32);
        if (request.Role is { } role && !Enum.IsDefined(role))
        {
            errors.Add("role", "must be Agent, Supervisor or Admin.");
        }

        if (request.DepartmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("departmentId", $"department {department} does not exist.");
        }

        var login = request.Login?.Trim();
        if (login is not null && await db.Users.AnyAsync(u => u.Login == login && u.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("login", "is taken.");
        }
    }

    private static void Apply(UserRequest request, User user)
    {
        user.Role = request.Role ?? UserRole.Agent;
        user.IsActive = request.IsActive ?? true;
        user.DepartmentId = request.DepartmentId;
        user.Skills = UniqueValues.Clean(request.Skills);
        user.Endpoints = UniqueValues.Clean(request.Endpoints);
        user.Extension = string.IsNullOrWhiteSpace(request.Extension) ? null : request.Extension.Trim();
    }

    /// <summary>Login and extension are unique: a racing duplicate is a 409 naming them, not a 500.</summary>
    private static async Task<IResult?> SaveAsync(CrmDbContext db, UserRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            var extension = request.Extension?.Trim();
            var extensionTaken = extension is { Length: > 0 } && await db.Users.AsNoTracking().AnyAsync(u => u.Extension == extension, cancellationToken).ConfigureAwait(false);
            return extensionTaken
                ? ApiProblems.Conflict("extension", $"Extension {extension} belongs to another user.")
                : ApiProblems.Conflict("login", "The login is taken.");
        }
    }
}
