graph [
  node [ id 0 name "AAA" capability -1 ]
]
