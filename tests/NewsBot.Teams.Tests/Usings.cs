global using NewsBot.Teams;
