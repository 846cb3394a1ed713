using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CtiCore.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCallTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "call_transfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    FromAgentId = table.Column<long>(type: "INTEGER", nullable: true),
                    ToAgentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TransferredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_call_transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_call_transfers_users_FromAgentId",
                        column: x => x.FromAgentId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_call_transfers_users_ToAgentId",
                        column: x => x.ToAgentId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_call_transfers_CallKey_Position",
                table: "call_transfers",
                columns: new[] { "CallKey", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_call_transfers_FromAgentId_CallKey",
                table: "call_transfers",
                columns: new[] { "FromAgentId", "CallKey" });

            migrationBuilder.CreateIndex(
                name: "IX_call_transfers_ToAgentId",
                table: "call_transfers",
                column: "ToAgentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_transfers");
        }
    }
}
