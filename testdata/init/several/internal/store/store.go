// Package store keeps orders.
package store
