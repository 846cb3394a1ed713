using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CtiCore.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCampaignRestartsAndAnsweringMachineDetection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DetectAnsweringMachine",
                table: "campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "dial_list_imports",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RowsRead = table.Column<long>(type: "INTEGER", nullable: false),
                    Accepted = table.Column<long>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<long>(type: "INTEGER", nullable: false),
                    LinkedToClients = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dial_list_imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dial_list_imports_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dial_list_imports_CampaignId_StartedAt",
                table: "dial_list_imports",
                columns: new[] { "CampaignId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dial_list_imports_State",
                table: "dial_list_imports",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dial_list_imports");

            migrationBuilder.DropColumn(
                name: "DetectAnsweringMachine",
                table: "campaigns");
        }
    }
}
