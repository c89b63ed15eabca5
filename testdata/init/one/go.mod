module example.com/hello

go 1.26.2

require github.com/google/uuid v1.6.0
