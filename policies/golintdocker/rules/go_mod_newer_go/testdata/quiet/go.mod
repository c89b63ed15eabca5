module example.com/api

go 1.26.3

toolchain go1.27.0
