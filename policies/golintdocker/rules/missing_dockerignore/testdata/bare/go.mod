module example.com/inventory

go 1.26

require github.com/jackc/pgx/v5 v5.7.2
