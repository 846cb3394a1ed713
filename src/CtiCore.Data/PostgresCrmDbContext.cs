using Microsoft.EntityFrameworkCore;

namespace CtiCore.Data;

/// <summary>PostgreSQL, for deployments that outgrow one SQLite file.</summary>
public sealed class PostgresCrmDbContext(DbContextOptions<PostgresCrmDbContext> options) : CrmDbContext(options);
