module example.com/shop

go 1.26

require (
	example.com/shop/money v0.0.0
	github.com/google/uuid v1.6.0
)

replace example.com/shop/money => ./money
