import { Module } from '@nestjs/common';
import { ChangeOrderHandler } from './order-command.handler.js';

@Module({ controllers: [], providers: [ChangeOrderHandler] })
export class OrdersModule {}
