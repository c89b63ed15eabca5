module example.com/mono/shared

go 1.26
