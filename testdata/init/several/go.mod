module github.com/acme/shop/v2

go 1.27

require github.com/google/uuid v1.6.0
